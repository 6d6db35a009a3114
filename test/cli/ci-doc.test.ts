import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { memoryIo } from '../helpers/cli-io.js';

// docs/CI.md's GitHub Actions workflow, run as it is written (issue 13 §4): each shard's command, then the merge.
const doc = readFileSync(fileURLToPath(new URL('../../docs/CI.md', import.meta.url)), 'utf8');
const workflow = /<!-- ci:start -->\n```yaml\n([\s\S]*?)```\n<!-- ci:end -->/.exec(doc)?.[1] ?? '';
const dir = mkdtempSync(join(tmpdir(), 'mimi-ci-doc-'));
// Kept small for the test: a few checks of two categories, without TLS.
const SMALL = ['--check', 'forwarding.*-mismatch,transport.http.*', '--transport', 'direct'];
type Doc = { durationMs: number; results: { durationMs: number }[] } & Record<string, unknown>;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Doc;
const withoutDurations = (d: Doc) => ({ ...d, durationMs: 0, results: d.results.map((r) => ({ ...r, durationMs: 0 })) });

/** The argv of the workflow's `npx mimi-harness …` step that starts with `verb`, files moved into the test's folder. */
function step(verb: string, shard?: number): string[] {
  const line = workflow.split('\n').find((l) => l.includes(`run: npx mimi-harness ${verb}`));
  if (line === undefined) throw new Error(`docs/CI.md's workflow has no "npx mimi-harness ${verb}" step`);
  const command = line.slice(line.indexOf('npx mimi-harness ') + 'npx mimi-harness '.length).replaceAll('${{ matrix.shard }}', String(shard ?? ''));
  const tokens = command.split(/\s+/).filter((t) => t !== '');
  return tokens.map((t, i) => (/\.(json|xml)$/.test(t) || tokens[i - 1] === '--report' ? join(dir, t) : t));
}

describe("docs/CI.md's sharded run (issue 13 §4)", () => {
  it('the matrix shards, merged by the report job, equal the unsharded run (durations aside)', async () => {
    const shards = /shard: \[([\d, ]+)\]/.exec(workflow)?.[1]?.split(',').map((s) => Number(s.trim())) ?? [];
    expect(shards).toEqual([1, 2, 3, 4]);
    expect(step('run', 1)).toContain(`1/${shards.length}`);
    for (const shard of shards) expect(await runCli([...step('run', shard), ...SMALL], memoryIo())).toBe(0);
    const merge = step('report merge');
    expect(merge.filter((t) => t.endsWith('.json') && t.includes('run-'))).toHaveLength(shards.length);
    expect(await runCli(merge, memoryIo())).toBe(0);
    const whole = join(dir, 'whole.json');
    expect(await runCli(['run', ...SMALL, '--json', whole], memoryIo())).toBe(0);
    const merged = read(join(dir, 'run.json'));
    expect(merged.results.length).toBeGreaterThan(shards.length);
    expect(withoutDurations(merged)).toEqual(withoutDurations(read(whole)));
    expect(readFileSync(join(dir, 'run.xml'), 'utf8').match(/<testcase /g)).toHaveLength(merged.results.length);
    expect(readFileSync(join(dir, 'report', 'index.html'), 'utf8')).toContain('<html');
  });
});
