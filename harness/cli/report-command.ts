import { readFileSync, writeFileSync } from 'node:fs';
import type { CheckResult } from '../conformance/index.js';
import { junitXml, summarizeRun } from '../report/index.js';
import { onlyOptions, type ParsedArgs } from './args.js';
import { catalogOf, type CatalogOverrides } from './catalog-target.js';
import { EXIT, UsageError, type CliIo } from './io.js';

type RunDocument = Record<string, unknown> & { target: string; seed: number; results: (Record<string, unknown> & { id: string })[] };

function readRun(file: string): RunDocument {
  let doc: unknown;
  try {
    doc = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`${file}: not a readable JSON file (${error instanceof Error ? error.message : String(error)})`);
  }
  const d = doc as Partial<RunDocument> | null;
  if (d === null || typeof d !== 'object' || d.tool !== 'mimi-harness run' || typeof d.target !== 'string' || typeof d.seed !== 'number' || !Array.isArray(d.results)) throw new UsageError(`${file}: unknown format (not the --json of mimi-harness run)`);
  return d as RunDocument;
}

/**
 * Merges the `--json` files of shards of one run (issue 11 §1) into the
 * document the unsharded run writes: results in catalog order, counts,
 * failures, trace hash and exit status recomputed, durations summed. Refuses
 * files of another target, seed, transport or selection, and a check twice.
 *
 * @example
 * mergeRuns([readRun('a.json'), readRun('b.json')], ['a.json', 'b.json'], catalogOf({}))
 */
export function mergeRuns(docs: readonly RunDocument[], files: readonly string[], catalog: { checks: readonly { id: string }[]; categories: readonly string[] }): RunDocument {
  const [first] = docs;
  if (first === undefined) throw new UsageError('report merge needs at least one JSON file');
  const seen = new Map<string, string>();
  for (const [i, doc] of docs.entries()) {
    for (const key of ['target', 'seed', 'transport', 'checks', 'strict', 'bodies']) {
      if (doc[key] !== first[key]) throw new UsageError(`${files[i] ?? ''}: ${key} ${JSON.stringify(doc[key])} disagrees with ${files[0] ?? ''} (${JSON.stringify(first[key])})`);
    }
    for (const r of doc.results) {
      const other = seen.get(r.id);
      if (other !== undefined) throw new UsageError(`${r.id} is in both ${other} and ${files[i] ?? ''}`);
      seen.set(r.id, files[i] ?? '');
    }
  }
  const order = new Map(catalog.checks.map((c, i) => [c.id, i]));
  const results = docs.flatMap((d) => d.results).sort((a, b) => (order.get(a.id) ?? Infinity) - (order.get(b.id) ?? Infinity));
  const summary = summarizeRun(results as unknown as CheckResult[], catalog.categories, { strict: first.strict === true });
  const merged: RunDocument = { ...first, traceHash: summary.traceHash, exitStatus: summary.gating.length > 0 ? EXIT.refused : EXIT.ok, durationMs: docs.reduce((n, d) => n + (typeof d.durationMs === 'number' ? d.durationMs : 0), 0) };
  Reflect.deleteProperty(merged, 'shard');
  return {
    ...merged,
    counts: { total: summary.total, ...summary.counts },
    categories: summary.categories.map((c) => ({ category: c.category, ...c.counts })),
    failed: { MUST: summary.failuresByLevel.MUST.map((r) => r.id), PROFILE: summary.failuresByLevel.PROFILE.map((r) => r.id), SHOULD: summary.failuresByLevel.SHOULD.map((r) => r.id), MAY: summary.failuresByLevel.MAY.map((r) => r.id) },
    results,
  };
}

/**
 * `mimi-harness report merge A.json B.json … [--json OUT] [--junit OUT]`:
 * one report from the shards of a run (`run --shard i/n --json …`). Exit 1
 * if the merged run has a gating failure, 2 on files that disagree.
 *
 * @example
 * await reportCommand(parseArgs(['merge', 'a.json', 'b.json', '--json', 'all.json'], []), io);
 */
export function reportCommand(args: ParsedArgs, io: CliIo, overrides: CatalogOverrides = {}): Promise<number> {
  onlyOptions(args, ['json', 'junit']);
  const [verb, ...files] = args.positional;
  if (verb !== 'merge') throw new UsageError('report takes the verb merge: report merge A.json B.json … [--json OUT] [--junit OUT]');
  const merged = mergeRuns(files.map(readRun), files, catalogOf(overrides));
  const json = args.options.get('json');
  if (typeof json === 'string') {
    writeFileSync(json, `${JSON.stringify(merged, null, 2)}\n`);
    io.out(`wrote ${json}`);
  }
  const junit = args.options.get('junit');
  if (typeof junit === 'string') {
    writeFileSync(junit, junitXml(merged.results as unknown as CheckResult[], `mimi-harness run (${merged.target}, seed ${merged.seed}, merged from ${files.length} files)`));
    io.out(`wrote ${junit}`);
  }
  io.out(`merged ${files.length} files: ${merged.results.length} results, exit status ${String(merged.exitStatus)}`);
  return Promise.resolve(merged.exitStatus === EXIT.ok ? EXIT.ok : EXIT.refused);
}
