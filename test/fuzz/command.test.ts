import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { createReader, DEFAULT_LIMITS, encode } from '../../harness/codec/index.js';
import { fuzz, inProcessTarget, ownDecoder, protocolCodec, type FindingFile, type InProcessDecoder } from '../../harness/fuzz/index.js';
import { expectValidAgainstSchema } from '../helpers/schemas.js';
import { memoryIo } from '../helpers/cli-io.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SELF = `node ${join(ROOT, 'bin', 'mimi-harness.js')} decode --stdin`;
const TRAILING = `node ${join(ROOT, 'test', 'fuzz', 'planted', 'accepts-trailing.mjs')}`;
const dirs: string[] = [];
const tempDir = (): string => {
  const dir = mkdtempSync(join(tmpdir(), 'fuzz-cli-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** The harness's decoder without the trailing-bytes check, in this process. */
const acceptsTrailing: InProcessDecoder = (struct, bytes) => {
  const codec = protocolCodec(struct);
  if (codec === undefined) return ownDecoder(struct, bytes);
  try {
    return { ok: true, bytes: encode(codec, codec.read(createReader(bytes, DEFAULT_LIMITS, [struct])), struct) };
  } catch {
    return ownDecoder(struct, bytes);
  }
};

describe('mimi-harness fuzz (issue 12 §2)', () => {
  it('fuzzes the harness itself through `decode --stdin`: no finding, exit 0, a JSON summary', async () => {
    const dir = tempDir();
    const io = memoryIo();
    const code = await runCli(['fuzz', '--against', SELF, '--struct', 'DSError,FQDN,MimiSupportedVersions', '--runs', '2000', '--timeout-ms', '10000', '--corpus', dir, '--json', join(dir, 'summary.json')], io);
    expect(io.stdout.join('\n')).toContain('findings: 0');
    expect(code).toBe(0);
    // No restart count asserted: on a loaded machine a batch may stall past the timeout; its inputs are
    // then replayed one by one, answer, and make no finding (seen once in 5 rounds with 1000 ms).
    const summary = JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as { inputs: number; findings: unknown[] };
    expect(summary).toMatchObject({ inputs: 2000, findings: [] });
    expectValidAgainstSchema(summary);
    expect(existsSync(join(dir, 'findings'))).toBe(false);
  });

  it('writes each finding to DIR/findings/<struct>-<hash>.json with both verdicts and a replay line; replay and the corpus bring it back', async () => {
    const dir = tempDir();
    const io = memoryIo();
    expect(await runCli(['fuzz', '--against', TRAILING, '--struct', 'DSError', '--runs', '800', '--corpus', dir], io)).toBe(1);
    const files = readdirSync(join(dir, 'findings'));
    expect(files).toHaveLength(1);
    expect(files[0]).toMatch(/^DSError-[0-9a-f]{12}\.json$/);
    const path = join(dir, 'findings', files[0] ?? '');
    const finding = JSON.parse(readFileSync(path, 'utf8')) as FindingFile;
    expect(finding).toMatchObject({ struct: 'DSError', kind: 'accepts-refused', profile: { ok: false, code: 'trailing-bytes' }, against: TRAILING, seed: 1 });
    expect(finding.target).toMatchObject({ kind: 'answer', answer: { ok: true } });
    expect(finding.replay).toContain('fuzz --against');
    expectValidAgainstSchema(finding);
    expect(finding.pipe).toContain(`DSError ${finding.input}`);
    expect(io.stdout.join('\n')).toContain(`file: ${path}`);

    const replay = memoryIo();
    expect(await runCli(['fuzz', '--against', TRAILING, '--replay', path], replay)).toBe(1);
    expect(replay.stdout.join('\n')).toContain('still accepts-refused');
    const fixed = memoryIo();
    expect(await runCli(['fuzz', '--against', SELF, '--replay', path], fixed)).toBe(0);
    expect(fixed.stdout.join('\n')).toContain('they agree now');

    // The next run starts from the corpus: the earlier finding is its first input.
    const again = memoryIo();
    expect(await runCli(['fuzz', '--against', TRAILING, '--struct', 'DSError', '--runs', '50', '--corpus', dir, '--no-minimize'], again)).toBe(1);
    expect(again.stderr.join('\n')).toMatch(/finding: DSError accepts-refused/);
    expect(readdirSync(join(dir, 'findings')).length).toBeGreaterThanOrEqual(1);
  });

  it('refuses bad usage', async () => {
    expect(await runCli(['fuzz', '--runs', '10'], memoryIo())).toBe(2);
    expect(await runCli(['fuzz', '--against', SELF, '--runs', '10', '--time', '1'], memoryIo())).toBe(2);
    expect(await runCli(['fuzz', '--against', SELF, '--struct', 'NoSuch'], memoryIo())).toBe(2);
  });

  it('a target that cannot answer its warm-up input is reported, exit 1', async () => {
    const io = memoryIo();
    expect(await runCli(['fuzz', '--against', 'node -e "process.exit(3)"', '--runs', '10', '--corpus', tempDir()], io)).toBe(1);
    expect(io.stderr.join('\n')).toContain('did not answer its warm-up input');
  });
});

describe('shards and error codes (issue 12 §2, §4)', () => {
  it('--shard i/n splits the inputs; the shards together find what the whole run finds', async () => {
    const options = { structs: ['DSError', 'FQDN'], seed: 3, runs: 1500, minimize: false as const };
    const whole = await fuzz(inProcessTarget(acceptsTrailing), options);
    const shards = await Promise.all([1, 2, 3].map((index) => fuzz(inProcessTarget(acceptsTrailing), { ...options, shard: { index, count: 3 } })));
    expect(shards.map((s) => s.inputs).reduce((a, b) => a + b, 0)).toBe(whole.inputs);
    const signatures = (findings: readonly { signature: string }[]): string[] => [...new Set(findings.map((f) => f.signature))].sort();
    expect(signatures(shards.flatMap((s) => s.findings))).toEqual(signatures(whole.findings));
    expect(signatures(whole.findings)).toEqual(['DSError accepts-refused profile:trailing-bytes target:ok', 'FQDN accepts-refused profile:trailing-bytes target:ok']);
    const occurrences = (findings: readonly { occurrences: number }[]): number => findings.reduce((sum, f) => sum + f.occurrences, 0);
    expect(occurrences(shards.flatMap((s) => s.findings))).toBe(occurrences(whole.findings));
  });

  it('codes are reported but need not match; --strict-codes maps them through a table', async () => {
    const renamed: InProcessDecoder = (struct, bytes) => {
      const answer = ownDecoder(struct, bytes);
      return answer.ok ? answer : { ok: false, code: `E_${(answer.code ?? '').toUpperCase()}` };
    };
    const options = { structs: ['DSError'], seed: 1, runs: 600 };
    const lax = await fuzz(inProcessTarget(renamed), options);
    expect(lax.findings).toEqual([]);
    expect(lax.codes.truncated).toEqual({ E_TRUNCATED: expect.any(Number) as number });
    const codes = ['truncated', 'length-exceeds-input', 'non-minimal-length', 'invalid-length-prefix', 'unknown-enum', 'trailing-bytes', 'invalid-value', 'too-large', 'bad-optional-flag', 'too-deep'];
    const table = new Map(codes.map((c) => [`E_${c.toUpperCase()}`, c]));
    expect((await fuzz(inProcessTarget(renamed), { ...options, codeTable: table })).findings).toEqual([]);
    table.set('E_TRUNCATED', 'length-exceeds-input');
    const strict = await fuzz(inProcessTarget(renamed), { ...options, codeTable: table, minimize: false });
    expect(strict.findings.map((f) => f.signature)).toEqual(['DSError code-mismatch profile:truncated target:E_TRUNCATED']);
  });
});

