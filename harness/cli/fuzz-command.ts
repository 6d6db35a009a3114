import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  fuzz,
  readCorpus,
  shellQuote,
  spawnedTarget,
  TargetStartError,
  warmupInput,
  writeFinding,
  type Finding,
  type FuzzSummary,
} from '../fuzz/index.js';
import { intOption, onlyOptions, stringOption, type ParsedArgs } from './args.js';
import { fuzzEndpointCommand } from './fuzz-endpoint-command.js';
import { fuzzCodeTable, fuzzStructs } from './fuzz-options.js';
import { progressLine, summaryLines } from './fuzz-output.js';
import { replayFinding } from './fuzz-replay.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { packageRoot } from './package-root.js';
import { shardOption } from './shard.js';
import { readVectorFiles } from './vector-files.js';

/** Options of `fuzz` that take no value. */
export const FUZZ_FLAGS: readonly string[] = ['no-minimize'];
const KNOWN = ['against', 'struct', 'runs', 'time', 'seed', 'corpus', 'shard', 'json', 'strict-codes', 'timeout-ms', 'memory-mb', 'replay', 'no-minimize'];
const HARNESS = 'npx mimi-harness';

function summaryJson(summary: FuzzSummary, files: ReadonlyMap<Finding, string>): unknown {
  return {
    $schema: 'https://mimi-transport-harness.invalid/schemas/fuzz/summary.schema.json',
    ...summary,
    findings: summary.findings.map((finding) => ({ file: files.get(finding) ?? null, struct: finding.struct, kind: finding.kind, signature: finding.signature, occurrences: finding.occurrences, input: finding.hex })),
  };
}

/**
 * `mimi-harness fuzz --against "<command>" [--struct NAME|all] [--runs N | --time S]
 * [--seed N] [--corpus DIR] [--shard i/n] [--json FILE] [--strict-codes FILE]
 * [--timeout-ms N] [--memory-mb N] [--no-minimize]` (issue 12 §2): fuzzes a
 * decoder-protocol target against the profile, writes each finding to
 * `DIR/findings/`, prints progress and a summary; exit 1 if any finding.
 * `--replay FILE` replays one finding instead.
 *
 * @example
 * await fuzzCommand(parseArgs(['--against', 'npx mimi-harness decode --stdin', '--runs', '1000'], FUZZ_FLAGS), processIo())
 */
export async function fuzzCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  // `--endpoint`: the endpoint fuzzer (issue 12 §3), a command of its own with the target options of `run`.
  if (args.options.has('endpoint')) return fuzzEndpointCommand(args, io);
  onlyOptions(args, KNOWN);
  if (args.positional.length > 0) throw new UsageError(`fuzz takes no positional arguments (got ${args.positional.join(' ')})`);
  const against = stringOption(args, 'against', '');
  if (against === '') throw new UsageError('fuzz needs --against "<command>" (a decoder speaking the protocol of docs/FUZZING.md)');
  const seed = intOption(args, 'seed', 1);
  const timeoutMs = intOption(args, 'timeout-ms', 1000);
  const memoryBoundBytes = intOption(args, 'memory-mb', 256) * 2 ** 20;
  if (timeoutMs < 1) throw new UsageError('--timeout-ms must be at least 1');
  const structs = fuzzStructs(args);
  const codeTable = fuzzCodeTable(args);
  const target = spawnedTarget({ command: against, timeoutMs, memoryBoundBytes, warmup: warmupInput(structs[0] ?? 'varint', seed) });
  try {
    const replay = args.options.get('replay');
    if (typeof replay === 'string') return await replayFinding(replay, target, codeTable, io);
    if (args.options.has('runs') && args.options.has('time')) throw new UsageError('fuzz takes --runs N or --time S, not both');
    const runs = args.options.has('runs') ? intOption(args, 'runs', 0) : undefined;
    const timeS = args.options.has('time') ? intOption(args, 'time', 0) : undefined;
    if ((runs !== undefined && runs < 1) || (timeS !== undefined && timeS < 1)) throw new UsageError('--runs and --time must be positive');
    const corpusDir = stringOption(args, 'corpus', 'fuzz-corpus');
    const shard = shardOption(args);
    const files = new Map<Finding, string>();
    const run = { against, seed, harness: HARNESS };
    const summary = await fuzz(target, {
      structs,
      seed,
      ...(runs === undefined ? {} : { runs }),
      ...(timeS === undefined ? {} : { timeBudgetMs: timeS * 1000 }),
      ...(shard === undefined ? {} : { shard }),
      vectors: readVectorFiles(join(packageRoot(), 'fixtures', 'vectors')),
      corpus: readCorpus(corpusDir),
      ...(codeTable === undefined ? {} : { codeTable }),
      ...(args.options.has('no-minimize') ? { minimize: false as const } : {}),
      onProgress: (progress) => {
        io.err(progressLine(progress));
      },
      onFinding: (finding) => {
        const path = writeFinding(corpusDir, finding, run);
        files.set(finding, path);
        io.err(`fuzz: finding: ${finding.struct} ${finding.kind} → ${path}`);
      },
    });
    // Occurrences grew after each file was first written.
    for (const finding of summary.findings) writeFinding(corpusDir, finding, run);
    const replayLine = (finding: Finding): string => `${HARNESS} fuzz --against ${shellQuote(against)} --replay ${shellQuote(files.get(finding) ?? '?')}`;
    for (const line of summaryLines(summary, files, replayLine)) io.out(line);
    const json = args.options.get('json');
    if (typeof json === 'string') writeFileSync(json, `${JSON.stringify(summaryJson(summary, files), null, 2)}\n`);
    return summary.findings.length > 0 ? EXIT.refused : EXIT.ok;
  } catch (error) {
    if (!(error instanceof TargetStartError)) throw error;
    io.err(`mimi-harness fuzz: ${error.message}`);
    return EXIT.refused;
  } finally {
    await target.close();
  }
}

