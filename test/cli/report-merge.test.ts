import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { shardChecks } from '../../harness/cli/shard.js';
import { CATALOG } from '../../scenarios/index.js';
import { memoryIo } from '../helpers/cli-io.js';

const dir = mkdtempSync(join(tmpdir(), 'mimi-merge-'));
const CHECKS = 'forwarding.*';
type Doc = { durationMs: number; results: { durationMs: number }[] } & Record<string, unknown>;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Doc;
const withoutDurations = (doc: Doc) => ({ ...doc, durationMs: 0, results: doc.results.map((r) => ({ ...r, durationMs: 0 })) });

describe('run --shard i/n and report merge (issue 11 §1)', () => {
  it('every check is in exactly one shard for any n', () => {
    for (const n of [1, 2, 3, 7, CATALOG.length + 1]) {
      const ids = Array.from({ length: n }, (_, i) => shardChecks(CATALOG, { index: i + 1, count: n })).flat().map((c) => c.id);
      expect(ids.sort()).toEqual(CATALOG.map((c) => c.id).sort());
    }
  });

  it('the merged shards equal the unsharded run, durations aside; files that disagree are refused', async () => {
    const whole = join(dir, 'whole.json');
    expect(await runCli(['run', '--transport', 'direct', '--check', CHECKS, '--json', whole], memoryIo())).toBe(0);
    const shards = [1, 2, 3].map((i) => join(dir, `shard-${i}.json`));
    for (const [i, file] of shards.entries()) expect(await runCli(['run', '--transport', 'direct', '--check', CHECKS, '--shard', `${i + 1}/3`, '--json', file], memoryIo())).toBe(0);
    const merged = join(dir, 'merged.json');
    const junit = join(dir, 'merged.xml');
    expect(await runCli(['report', 'merge', ...shards, '--json', merged, '--junit', junit], memoryIo())).toBe(0);
    expect(withoutDurations(read(merged))).toEqual(withoutDurations(read(whole)));
    expect(readFileSync(junit, 'utf8').match(/<testcase /g)).toHaveLength(read(whole).results.length);

    const refused = async (files: string[], message: RegExp) => {
      const io = memoryIo();
      expect(await runCli(['report', 'merge', ...files], io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
    };
    await refused([shards[0] ?? '', shards[0] ?? ''], /is in both/);
    const otherSeed = join(dir, 'seed.json');
    writeFileSync(otherSeed, JSON.stringify({ ...read(shards[1] ?? ''), seed: 9 }));
    await refused([shards[0] ?? '', otherSeed], /seed 9 disagrees/);
    const garbage = join(dir, 'garbage.json');
    writeFileSync(garbage, '{"tool":"other"}');
    await refused([garbage], /unknown format/);
    const usage = memoryIo();
    expect(await runCli(['run', '--shard', '4/3'], usage)).toBe(2);
  });

  it('report html: one page, a matrix column per target, the files of one target merged as shards; exit 1 if a target fails', async () => {
    const reference = [1, 2].map((i) => join(dir, `ref-${i}.json`));
    for (const [i, file] of reference.entries()) expect(await runCli(['run', '--transport', 'direct', '--check', CHECKS, '--shard', `${i + 1}/2`, '--json', file], memoryIo())).toBe(0);
    const planted = join(dir, 'planted.json');
    expect(await runCli(['run', '--transport', 'direct', '--check', CHECKS, '--planted', 'skips the recipient check on /deliver_message', '--json', planted], memoryIo())).toBe(1);
    const out = join(dir, 'html');
    const io = memoryIo();
    expect(await runCli(['report', 'html', ...reference, planted, '--report', out], io)).toBe(1);
    const html = readFileSync(join(out, 'index.html'), 'utf8');
    const targets = [read(reference[0] ?? '').target, read(planted).target] as string[];
    expect(targets[0]).not.toBe(targets[1]);
    for (const target of targets) expect(html).toContain(`<th>${target}</th>`);
    expect(io.stdout.join('\n')).toMatch(/2 target\(s\) from 3 file\(s\)/);
    const usage = memoryIo();
    expect(await runCli(['report', 'html', planted], usage)).toBe(2);
    expect(usage.stderr.join('\n')).toMatch(/needs --report DIR/);
  });
});

