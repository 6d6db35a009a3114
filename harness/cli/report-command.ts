import { readFileSync, writeFileSync } from 'node:fs';
import type { CheckResult } from '../conformance/index.js';
import { junitXml, summarizeRun, type HtmlRun } from '../report/index.js';
import { onlyOptions, type ParsedArgs } from './args.js';
import { catalogOf, type CatalogOverrides } from './catalog-target.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { reportFolder, writeHtmlReport } from './report-output.js';

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
 * The runs of several `--json` files by target, in the order first seen:
 * the files of one target are shards of one run and are merged
 * ({@link mergeRuns}); each target becomes one column of the HTML matrix.
 *
 * @example
 * runsByTarget(['ref.json', 'indie-1.json', 'indie-2.json'], catalog) // two runs
 */
export function runsByTarget(files: readonly string[], catalog: Parameters<typeof mergeRuns>[2]): RunDocument[] {
  const groups = new Map<string, { docs: RunDocument[]; files: string[] }>();
  for (const file of files) {
    const doc = readRun(file);
    const group = groups.get(doc.target) ?? { docs: [], files: [] };
    group.docs.push(doc);
    group.files.push(file);
    groups.set(doc.target, group);
  }
  return [...groups.values()].map((group) => mergeRuns(group.docs, group.files, catalog));
}

const htmlRunOf = (doc: RunDocument): HtmlRun => ({ target: doc.target, seed: doc.seed, transport: typeof doc['transport'] === 'string' ? doc['transport'] : 'tls', results: doc.results as unknown as CheckResult[] });

/**
 * `mimi-harness report merge A.json B.json … [--json OUT] [--junit OUT] [--report DIR]`:
 * one report from the shards of a run (`run --shard i/n --json …`). Exit 1
 * if the merged run has a gating failure, 2 on files that disagree.
 * `mimi-harness report html A.json B.json … --report DIR`: one HTML report
 * of runs against several targets (one matrix column per target; the files
 * of one target are merged as shards). Exit 1 if any target's run has a
 * gating failure.
 *
 * @example
 * await reportCommand(parseArgs(['merge', 'a.json', 'b.json', '--json', 'all.json'], []), io);
 */
export function reportCommand(args: ParsedArgs, io: CliIo, overrides: CatalogOverrides = {}): Promise<number> {
  onlyOptions(args, ['json', 'junit', 'report']);
  const [verb, ...files] = args.positional;
  if (verb !== 'merge' && verb !== 'html') throw new UsageError('report takes the verb merge or html: report merge A.json B.json … [--json OUT] [--junit OUT] [--report DIR]; report html A.json B.json … --report DIR');
  if (files.length === 0) throw new UsageError(`report ${verb} needs at least one JSON file`);
  const catalog = catalogOf(overrides);
  const reportDir = reportFolder(args);
  if (verb === 'html') {
    if (reportDir === undefined) throw new UsageError('report html needs --report DIR');
    if (args.options.has('json') || args.options.has('junit')) throw new UsageError('report html writes only --report; use report merge for --json and --junit');
    const runs = runsByTarget(files, catalog);
    io.out(`wrote ${writeHtmlReport(reportDir, catalog.checks, runs.map(htmlRunOf))}`);
    io.out(`${runs.length} target(s) from ${files.length} file(s): ${runs.map((r) => `${r.target} exit status ${String(r['exitStatus'])}`).join('; ')}`);
    return Promise.resolve(runs.every((r) => r['exitStatus'] === EXIT.ok) ? EXIT.ok : EXIT.refused);
  }
  const merged = mergeRuns(files.map(readRun), files, catalog);
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
  if (reportDir !== undefined) io.out(`wrote ${writeHtmlReport(reportDir, catalog.checks, [htmlRunOf(merged)])}`);
  io.out(`merged ${files.length} files: ${merged.results.length} results, exit status ${String(merged.exitStatus)}`);
  return Promise.resolve(merged.exitStatus === EXIT.ok ? EXIT.ok : EXIT.refused);
}
