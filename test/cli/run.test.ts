import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import type { Check, CheckLevel, CheckVerdict } from '../../harness/conformance/index.js';
import { runTraceHash } from '../../harness/report/index.js';
import { PLANTED } from '../../scenarios/index.js';
import { sendMessageFanOut } from '../../scenarios/ds/send-message-fan-out.js';
import { verificationKeyRecipientMismatch } from '../../scenarios/forwarding/index.js';
import { methodNotAllowed } from '../../scenarios/transport/index.js';
import { memoryIo } from '../helpers/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'mimi-run-'));

/** A check with a fixed verdict and level, that touches nothing: for the exit-status rules. */
function fixed(id: string, level: CheckLevel, verdict: CheckVerdict): Check {
  return { id, section: 'test', quote: 'test', level, role: 'endpoint', run: () => Promise.resolve(verdict) };
}

const failing = (id: string, level: CheckLevel) => fixed(id, level, { status: 'fail', expected: 'the right thing', actual: 'the wrong thing' });

describe('mimi-harness run (issue 10 §5)', () => {
  it('prints one progress line per check, a summary per category, and exits 0 when nothing fails', async () => {
    const io = memoryIo();
    expect(await runCli(['run', '--check', `${methodNotAllowed.id},forwarding.*`], io)).toBe(0);
    const [header, ...rest] = io.stdout;
    expect(header).toMatch(/^mimi-harness run: \d+ checks against reference \(target\.test\), tls, seed 1$/);
    const progress = rest.filter((line) => line.startsWith('['));
    expect(progress[0]).toMatch(new RegExp(`^\\[ ?1/\\d+\\] PASS  PROFILE  ${methodNotAllowed.id.replace(/\./g, '\\.')}  \\(\\d+ ms\\)$`));
    expect(progress.some((line) => line.includes(verificationKeyRecipientMismatch.id))).toBe(true);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^by category:$/m);
    expect(text).toMatch(/^ {2}transport +1 passed, 0 failed, 0 skipped, 0 unsupported$/m);
    expect(text).toMatch(/^ {2}forwarding +\d+ passed, 0 failed/m);
    expect(text).not.toMatch(/^ {2}ds /m);
    expect(text).toMatch(/^run trace hash: [0-9a-f]{64}$/m);
    expect(io.stdout.at(-1)).toBe('conformance run passed');
  });

  it('the same seed gives the same --json, durations aside, with the run trace hash over the checks in catalog order', async () => {
    const read = async (name: string, seed: number) => {
      const file = join(dir, name);
      expect(await runCli(['run', '--check', `forwarding.*,${sendMessageFanOut.id}`, '--seed', String(seed), '--json', file], memoryIo())).toBe(0);
      return JSON.parse(readFileSync(file, 'utf8')) as { durationMs: number; traceHash: string; seed: number; results: { id: string; durationMs: number; traceHash: string; seed: number; status: string; section: string; level: string; evidence: { exchanges: unknown[] } }[] };
    };
    const first = await read('a.json', 7);
    const second = await read('b.json', 7);
    const withoutDurations = (doc: typeof first) => ({ ...doc, durationMs: 0, results: doc.results.map((r) => ({ ...r, durationMs: 0 })) });
    expect(withoutDurations(second)).toEqual(withoutDurations(first));
    expect(first.seed).toBe(7);
    const fanOut = first.results.find((r) => r.id === sendMessageFanOut.id);
    expect(fanOut).toMatchObject({ status: 'pass', seed: 7, level: sendMessageFanOut.level, section: sendMessageFanOut.section });
    expect(fanOut?.evidence.exchanges.length).toBeGreaterThan(0);
    // The run hash is over the per-check schedule hashes in catalog order.
    expect(first.traceHash).toBe(runTraceHash(first.results as never));
  });

  it('--bodies keeps each exchange\'s bytes and decoded bodies', async () => {
    const file = join(dir, 'bodies.json');
    expect(await runCli(['run', '--check', verificationKeyRecipientMismatch.id, '--json', file, '--bodies'], memoryIo())).toBe(0);
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { results: { evidence: { exchanges: { request: string; response_decoded: { struct: string } }[] } }[] };
    const exchanges = doc.results[0]?.evidence.exchanges ?? [];
    expect(exchanges.length).toBeGreaterThan(0);
    for (const exchange of exchanges) expect(exchange.request).toMatch(/^[0-9a-f]+$/);
    expect(exchanges.map((e) => e.response_decoded.struct)).toContain('DSResponse');
  });

  it('exits 1 when a MUST check fails against a planted-bug target, naming it with expected, actual and replay', async () => {
    const bug = PLANTED.find((b) => b.caughtBy.includes(verificationKeyRecipientMismatch.id));
    if (bug === undefined) throw new Error('no planted bug for the recipient check');
    const io = memoryIo();
    expect(await runCli(['run', '--check', verificationKeyRecipientMismatch.id, '--junit', join(dir, 'junit.xml')], io, { target: bug.target('target.test') })).toBe(1);
    const text = io.stdout.join('\n');
    expect(text).toMatch(new RegExp(`^MUST failures \\(1\\):\\n {2}${verificationKeyRecipientMismatch.id.replace(/\./g, '\\.')} .*\\n {4}expected .+; actual .+\\n {4}replay: npx mimi-harness replay ${verificationKeyRecipientMismatch.id.replace(/\./g, '\\.')} --seed 1$`, 'm'));
    expect(io.stdout.at(-1)).toBe('conformance run FAILED: 1 MUST/PROFILE failure(s)');
    expect(readFileSync(join(dir, 'junit.xml'), 'utf8')).toMatch(/<failure type="MUST" message="expected /);
  });

  it('--planted runs a planted-bug variant by (part of) its name, and the replay lines reach it', async () => {
    const bug = PLANTED.find((b) => b.caughtBy.includes(verificationKeyRecipientMismatch.id));
    if (bug === undefined) throw new Error('no planted bug for the recipient check');
    const io = memoryIo();
    expect(await runCli(['run', '--check', verificationKeyRecipientMismatch.id, '--planted', bug.name.toUpperCase()], io)).toBe(1);
    expect(io.stdout.join('\n')).toContain(`--planted ${JSON.stringify(bug.name)}`);
    const unknown = memoryIo();
    expect(await runCli(['run', '--planted', 'no such bug at all'], unknown)).toBe(2);
    expect(unknown.stderr.join('\n')).toContain(bug.name);
  });

  it('exit status: MUST and PROFILE failures count; SHOULD and MAY are reported apart and count only with --strict', async () => {
    const exit = async (checks: Check[], ...flags: string[]) => {
      const io = memoryIo();
      const code = await runCli(['run', '--transport', 'direct', ...flags], io, { checks, categories: ['t'] });
      return { code, text: io.stdout.join('\n') };
    };
    const passes = fixed('t.a.pass', 'MUST', { status: 'pass' });
    expect((await exit([passes, failing('t.b.should', 'SHOULD'), failing('t.c.may', 'MAY')])).code).toBe(0);
    expect((await exit([passes, failing('t.b.should', 'SHOULD')], '--strict')).code).toBe(1);
    expect((await exit([passes, failing('t.b.profile', 'PROFILE')])).code).toBe(1);
    expect((await exit([failing('t.b.must', 'MUST')])).code).toBe(1);
    const notRun = await exit([fixed('t.d.skip', 'MUST', { status: 'skip', actual: 'no TLS here' }), fixed('t.e.unsup', 'MUST', { status: 'unsupported', actual: 'no control interface' })]);
    expect(notRun.code).toBe(0);
    expect(notRun.text).toMatch(/^not run \(2\):\n {2}SKIP {2}t\.d\.skip: expected \?; actual no TLS here\n {2}UNSUP t\.e\.unsup: /m);
    const advisory = await exit([passes, failing('t.b.should', 'SHOULD')]);
    expect(advisory.text).toMatch(/^SHOULD and MAY results, reported apart \(not counted in the exit status without --strict\):\n {2}FAIL {2}SHOULD t\.b\.should\n {4}expected the right thing; actual the wrong thing$/m);
    expect(advisory.text).not.toMatch(/MUST failures/);
    expect(advisory.text).toMatch(/^2 checks: 1 passed, 1 failed, 0 skipped, 0 unsupported \(failed: 0 MUST, 0 PROFILE, 1 SHOULD, 0 MAY\)/m);
  });

  it('refuses bad usage with exit 2 before running anything', async () => {
    const cases = [
      ['run', '--transport', 'carrier-pigeon'],
      ['run', '--check', 'no-such-category.*'],
      ['run', '--json', join(dir, 'missing-folder', 'x.json')],
      ['run', '--seed', 'x'],
      ['run', '--frobnicate'],
    ];
    for (const argv of cases) {
      const io = memoryIo();
      expect(await runCli(argv, io), argv.join(' ')).toBe(2);
      expect(io.stdout, argv.join(' ')).toEqual([]);
    }
  });

  it('list prints the catalog, one check per line', async () => {
    const io = memoryIo();
    expect(await runCli(['list', '--check', 'transport.*'], io)).toBe(0);
    expect(io.stdout.length).toBeGreaterThan(0);
    for (const line of io.stdout) expect(line).toMatch(/^transport\.\S+ +(MUST|SHOULD|MAY|PROFILE) +\w+ +\S/);
  });
});
