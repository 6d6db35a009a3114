import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { expectValidAgainstSchema } from '../helpers/schemas.js';
import { memoryIo } from '../helpers/cli-io.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('mimi-harness fuzz --endpoint (docs/FUZZING.md "Endpoint fuzzing")', () => {
  it('writes a minimized finding with a replay line for a planted bug and exits 1', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'efuzz-'));
    dirs.push(dir);
    const io = memoryIo();
    const code = await runCli(['fuzz', '--endpoint', '/group_key_packages', '--runs', '32', '--planted', 'fuzz: refused KeyPackage request consumes', '--corpus', dir, '--json', join(dir, 'summary.json')], io);
    expect(code).toBe(1);
    const files = readdirSync(join(dir, 'findings'));
    expect(files.length).toBeGreaterThan(0);
    expect(files.every((name) => /^group_key_packages-[0-9a-f]{12}\.json$/.test(name))).toBe(true);
    const finding = JSON.parse(readFileSync(join(dir, 'findings', files[0] ?? ''), 'utf8')) as { kind: string; replay: string };
    expect(finding.kind).toBe('state-change');
    expectValidAgainstSchema(finding);
    expect(finding.replay).toMatch(/^npx mimi-harness fuzz --endpoint \/group_key_packages --seed 1 --runs \d+ --planted 'fuzz: refused KeyPackage request consumes'$/);
    expect(io.stderr.some((line) => line.startsWith('fuzz: /group_key_packages: '))).toBe(true);
    expect(io.stdout.join('\n')).toContain('1 finding');
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { findings: unknown[] };
    expect(summary.findings).toHaveLength(1);
    expectValidAgainstSchema(summary);
  }, 60_000);

  it('exits 0 against the reference provider and refuses an unknown endpoint', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'efuzz-'));
    dirs.push(dir);
    const io = memoryIo();
    expect(await runCli(['fuzz', '--endpoint', 'verification_key', '--runs', '16', '--corpus', dir], io)).toBe(0);
    expect(io.stdout.join('\n')).toContain('0 findings');
    expect(await runCli(['fuzz', '--endpoint', '/nope'], memoryIo())).toBe(2);
  }, 60_000);
});
