import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { PLANTED } from '../../scenarios/index.js';
import { verificationKeyRecipientMismatch } from '../../scenarios/forwarding/index.js';
import { memoryIo } from '../helpers/cli-io.js';

const id = verificationKeyRecipientMismatch.id;

describe('mimi-harness replay (issue 10 §5)', () => {
  it('reproduces one result: its exchanges with source → destination, status and decoded bodies, then the verdict', async () => {
    const io = memoryIo();
    expect(await runCli(['replay', id, '--seed', '3'], io)).toBe(0);
    const text = io.stdout.join('\n');
    expect(io.stdout[0]).toBe(`mimi-harness replay: ${id} against reference (target.test), tls, seed 3`);
    expect(text).toMatch(new RegExp(`^${id.replace(/\./g, '\\.')} \\(MUST; .+\\), seed 3: \\d+ exchange\\(s\\)$`, 'm'));
    expect(text).toMatch(/^ +\d+\.\d{3}s {2}GET \/verification_key {2}peer-a\.test → ds\.target\.test {2}421$/m);
    expect(text).toMatch(/^ {4}request: \{\n {6}"struct": "VerificationKeyRequest",/m);
    expect(text).toMatch(/"code": "wrong_recipient"/);
    expect(text).toMatch(/^verdict: PASS {2}expected .+; actual .+$/m);
    expect(io.stdout.at(-1)).toBe(`replay: npx mimi-harness replay ${id} --seed 3`);
  });

  it('exits 1 when the replayed check fails (a planted bug), and the replay line keeps the target', async () => {
    const bug = PLANTED.find((b) => b.caughtBy.includes(id));
    if (bug === undefined) throw new Error('no planted bug for the recipient check');
    const io = memoryIo();
    expect(await runCli(['replay', id, '--transport', 'direct', '--planted', bug.name], io)).toBe(1);
    expect(io.stdout.join('\n')).toMatch(/^verdict: FAIL {2}expected .+; actual .+$/m);
    expect(io.stdout.at(-1)).toBe(`replay: npx mimi-harness replay ${id} --seed 1 --transport direct --planted ${JSON.stringify(bug.name)}`);
  });

  it('an unknown id is one clear error naming the closest ids, exit 2', async () => {
    const io = memoryIo();
    expect(await runCli(['replay', id.replace('recipient-', 'recipent-')], io)).toBe(2);
    expect(io.stdout).toEqual([]);
    expect(io.stderr).toHaveLength(1);
    expect(io.stderr[0]).toMatch(new RegExp(`^mimi-harness replay: no check ".+" in the catalog; closest: ${id.replace(/\./g, '\\.')}(, |$)`));
  });

  it('needs exactly one id', async () => {
    expect(await runCli(['replay'], memoryIo())).toBe(2);
    expect(await runCli(['replay', id, id], memoryIo())).toBe(2);
    expect(await runCli(['replay', id, '--check', '*'], memoryIo())).toBe(2);
  });
});
