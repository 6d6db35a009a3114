import { existsSync, statSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { runCatalog, selectChecks, type Check } from '../conformance/index.js';
import type { TransportMode } from '../network/index.js';
import { colorLine, consoleSummary, junitXml, progressLine, runJson, summarizeRun } from '../report/index.js';
import { intOption, onlyOptions, stringOption, type ParsedArgs } from './args.js';
import { catalogOf, targetOf, type CatalogOverrides } from './catalog-target.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { reportFolder, writeHtmlReport } from './report-output.js';
import { checkTimeoutOption, countedFailures, EXTERNAL_RUN_OPTIONS, healthLine, prepareExternal } from './target-options.js';
import { shardChecks, shardOption } from './shard.js';
import { cliRecipe, plantedRecipe } from './worker-target.js';
import { externalRequested, workersOption } from './workers-option.js';

/** The flags (options without a value) of `run`. */
export const RUN_FLAGS: readonly string[] = ['strict', 'bodies'];

/** `--transport tls|direct|sockets` (default tls). @example transportOption(args) // 'tls' */
export function transportOption(args: ParsedArgs): TransportMode {
  const transport = stringOption(args, 'transport', 'tls');
  if (transport !== 'tls' && transport !== 'direct' && transport !== 'sockets') throw new UsageError('--transport is tls, direct or sockets');
  return transport;
}

/** The checks `--check GLOBS` selects (comma-separated globs), or all; none is a usage error. */
export function checksOption(args: ParsedArgs, checks: readonly Check[]): readonly Check[] {
  const glob = args.options.get('check');
  if (glob === undefined) return checks;
  if (glob === true) throw new UsageError('--check needs a value');
  const selected = selectChecks(checks, glob);
  if (selected.length === 0) throw new UsageError(`--check ${glob} matches no check id (mimi-harness list shows them)`);
  return selected;
}

/** A file a report goes to: its folder must exist (checked before the run, not after it). */
function reportFile(args: ParsedArgs, name: string): string | undefined {
  const value = args.options.get(name);
  if (value === undefined) return undefined;
  if (value === true) throw new UsageError(`--${name} needs a value`);
  const dir = dirname(resolve(value));
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new UsageError(`--${name} ${value}: the folder ${dir} does not exist`);
  return value;
}

/**
 * `mimi-harness run [--check GLOBS] [--seed N] [--transport T] [--json FILE]
 * [--junit FILE] [--report DIR] [--bodies] [--strict] [--planted NAME] [--num-runs N]`: the
 * main job (issue 10 §5). Runs the catalog against the reference provider
 * (or a planted-bug variant, or the target in `overrides`) in-process, on
 * the virtual clock, over real TLS by default: one progress line per
 * check, then the summary per category with the MUST and PROFILE failures
 * and the SHOULD/MAY results apart. Exit 1 if and only if a MUST or PROFILE
 * check failed (with `--strict`, any failure); 0 otherwise, skips and
 * unsupported included; 2 on bad usage.
 *
 * @example
 * process.exitCode = await runCommand(parseArgs(['--check', 'transport.*'], RUN_FLAGS), io);
 */
export async function runCommand(args: ParsedArgs, io: CliIo, overrides: CatalogOverrides = {}): Promise<number> {
  onlyOptions(args, ['check', 'seed', 'transport', 'json', 'junit', 'bodies', 'strict', 'planted', 'num-runs', 'report', 'shard', 'workers', ...EXTERNAL_RUN_OPTIONS]);
  const catalog = catalogOf(overrides);
  const shard = shardOption(args);
  const checks = shardChecks(checksOption(args, catalog.checks), shard);
  const seed = intOption(args, 'seed', 1);
  const transport = transportOption(args);
  const numRuns = args.options.has('num-runs') ? intOption(args, 'num-runs', 0) : undefined;
  const jsonFile = reportFile(args, 'json');
  const junitFile = reportFile(args, 'junit');
  const reportDir = reportFolder(args);
  const strict = args.options.has('strict');
  const checkTimeoutMs = checkTimeoutOption(args);
  // Progress and summary, coloured on a terminal (issue 11 §4).
  const shown = (line: string): void => { io.out(io.color === true ? colorLine(line) : line); };
  const workers = workersOption(args, overrides, externalRequested(args));
  const external = await prepareExternal(args, checks, (line) => { io.out(line); });
  const { target, replaySuffix } = external === undefined ? targetOf(args, overrides) : { target: external.target, replaySuffix: ' (against the external target)' };
  const threads = Math.min(workers, checks.length);
  io.out(`mimi-harness run: ${checks.length} checks against ${target.name} (${target.domain}), ${transport}, seed ${seed}${strict ? ', strict' : ''}${shard === undefined ? '' : `, shard ${shard.index}/${shard.count}`}${threads > 1 ? `, ${threads} worker threads (progress in catalog order)` : ''}`);
  const started = performance.now();
  const results = await runCatalog({ target, checks, seed, transport, checkTimeoutMs, ...(numRuns === undefined ? {} : { numRuns }), ...(threads > 1 ? { workers: threads, recipe: cliRecipe(plantedRecipe(args)) } : {}), onResult: (result, index, total) => { shown(progressLine(result, index, total)); } }).finally(() => external?.close());
  const durationMs = Math.round(performance.now() - started);
  const summary = summarizeRun(results, catalog.categories, { strict });
  const exitStatus = countedFailures(summary.gating, results, target, (line) => { io.out(line); }).length > 0 ? EXIT.refused : EXIT.ok;
  if (external !== undefined) io.out(healthLine(results));
  const facts = `seed ${seed}, ${transport}, target ${target.name}, ${(durationMs / 1000).toFixed(1)} s`;
  const glob = args.options.get('check');
  if (jsonFile !== undefined) {
    const document = runJson(results, summary, { target: target.name, seed, transport, ...(typeof glob === 'string' ? { checkGlob: glob } : {}), ...(shard === undefined ? {} : { shard: `${shard.index}/${shard.count}` }), durationMs, exitStatus }, { bodies: args.options.has('bodies') });
    writeFileSync(jsonFile, `${JSON.stringify(document, null, 2)}\n`);
    io.out(`wrote ${jsonFile}`);
  }
  if (junitFile !== undefined) {
    writeFileSync(junitFile, junitXml(results, `mimi-harness run (${target.name}, seed ${seed}, ${transport})`));
    io.out(`wrote ${junitFile}`);
  }
  if (reportDir !== undefined) io.out(`wrote ${writeHtmlReport(reportDir, catalog.checks, [{ target: target.name, seed, transport, results }])}`);
  for (const line of consoleSummary(results, summary, { replaySuffix, facts })) shown(line);
  return exitStatus;
}
