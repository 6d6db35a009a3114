/**
 * The fuzz loop (issue 12 §2, §4): draws inputs, sends them to the target in
 * batches (the next batch is drawn while the target works on the current
 * one), judges each answer against the profile, minimizes each new
 * disagreement and reports progress and a summary.
 */
import type { StructVectors } from '../messages/index.js';
import { sameDisagreement, profileRecord, signatureOf, type Finding } from './finding.js';
import { hexOf } from './hex.js';
import { inputAt, type FuzzInput } from './inputs.js';
import { judge, type FindingKind } from './judge.js';
import { minimize, type MinimizeBudget } from './minimize.js';
import { profileVerdict, type ProfileVerdict } from './profile-verdict.js';
import { UNSUPPORTED_STRUCT } from './protocol.js';
import { buildSeeds, type CorpusInput } from './seeds.js';
import { protocolAnswer, type FuzzTarget, type TargetOutcome } from './target.js';

/** One of n shards (`--shard i/n`, i from 1): it runs the inputs whose index is i - 1 modulo n. */
export interface FuzzShard {
  readonly index: number;
  readonly count: number;
}

/** Progress while running. */
export interface FuzzProgress {
  readonly inputs: number;
  readonly perSecond: number;
  readonly findings: number;
  readonly last?: Finding | undefined;
}

/** What a run does. */
export interface FuzzOptions {
  readonly structs: readonly string[];
  readonly seed: number;
  /** Inputs over all shards (default 10,000 unless `timeBudgetMs` is given). */
  readonly runs?: number;
  /** Stop after this much time (real time by nature: a throughput budget). */
  readonly timeBudgetMs?: number;
  readonly shard?: FuzzShard;
  readonly vectors?: readonly StructVectors[];
  readonly corpus?: readonly CorpusInput[];
  /** Values drawn from each struct's arbitrary (default 16). */
  readonly perStruct?: number;
  /** Inputs per call of the target (default 1024). */
  readonly batchSize?: number;
  /** `--strict-codes`: the target's error codes mapped to the profile's. */
  readonly codeTable?: ReadonlyMap<string, string>;
  /** Minimization budget, or false to keep findings as drawn. */
  readonly minimize?: MinimizeBudget | false;
  readonly onProgress?: (progress: FuzzProgress) => void;
  readonly progressEveryMs?: number;
  /** Called once per new finding, after minimization (the command line writes its file here). */
  readonly onFinding?: (finding: Finding) => void | Promise<void>;
  readonly now?: () => number;
}

/** The end of a run. */
export interface FuzzSummary {
  readonly target: string;
  readonly seed: number;
  readonly shard?: FuzzShard;
  readonly structs: readonly string[];
  readonly inputs: number;
  readonly elapsedMs: number;
  readonly perSecond: number;
  readonly findings: readonly Finding[];
  /** Structs the target answered `unsupported-struct` for. */
  readonly unsupported: readonly string[];
  readonly restarts: number;
  readonly memoryCheck: string;
  /** For inputs both refused: the profile's code → the target's codes and how often (reported; compared only with a code table). */
  readonly codes: Readonly<Record<string, Readonly<Record<string, number>>>>;
}

/** An outcome with any answer in its protocol form (hex), as findings record it. */
function recordedOutcome(outcome: TargetOutcome): TargetOutcome {
  if (outcome.kind === 'answer') return { kind: 'answer', answer: protocolAnswer(outcome.answer) };
  if (outcome.kind === 'memory' && outcome.answer !== undefined) return { ...outcome, answer: protocolAnswer(outcome.answer) };
  return outcome;
}

interface Judged {
  readonly input: FuzzInput;
  readonly profile: ProfileVerdict;
}

/**
 * Fuzzes `target` and returns the summary (findings first of all).
 *
 * @example
 * const summary = await fuzz(spawnedTarget({ command, warmup }), { structs: ['DSError'], seed: 1, runs: 5000 });
 * if (summary.findings.length > 0) process.exitCode = 1;
 */
export async function fuzz(target: FuzzTarget, options: FuzzOptions): Promise<FuzzSummary> {
  const now = options.now ?? (() => performance.now());
  const started = now();
  const seeds = buildSeeds({ structs: options.structs, seed: options.seed, perStruct: options.perStruct, vectors: options.vectors, corpus: options.corpus });
  const total = options.runs ?? (options.timeBudgetMs === undefined ? 10_000 : Number.POSITIVE_INFINITY);
  const stride = options.shard?.count ?? 1;
  const batchSize = options.batchSize ?? 1024;
  const unsupported = new Set<string>();
  const findings = new Map<string, Finding>();
  const codes: Record<string, Record<string, number>> = {};
  let next = (options.shard?.index ?? 1) - 1;
  let inputs = 0;
  let last: Finding | undefined;
  let lastProgress = started;

  const timeUp = (): boolean => options.timeBudgetMs !== undefined && now() - started >= options.timeBudgetMs;
  const draw = (): Judged[] => {
    const batch: Judged[] = [];
    while (batch.length < batchSize && next < total && seeds.length > 0) {
      const input = inputAt(seeds, options.seed, next);
      next += stride;
      if (!unsupported.has(input.struct)) batch.push({ input, profile: profileVerdict(input.codec, input.struct, input.bytes) });
    }
    return batch;
  };
  const record = async ({ input, profile }: Judged, outcome: TargetOutcome, kind: FindingKind): Promise<void> => {
    const signature = signatureOf(input.struct, kind, profile, outcome);
    const known = findings.get(signature);
    if (known !== undefined) {
      known.occurrences += 1;
      return;
    }
    const small =
      options.minimize === false
        ? { bytes: input.bytes, outcome, attempts: 0 }
        : await minimize(
            target, input.struct, input.codec, input.bytes, outcome, (p, o, bytes) => sameDisagreement(signature, input.struct, judge(bytes, p, o, options.codeTable), p, o), options.minimize);
    const smallProfile = profileVerdict(input.codec, input.struct, small.bytes);
    const finding: Finding = {
      struct: input.struct,
      kind,
      hex: hexOf(small.bytes),
      originalHex: hexOf(input.bytes),
      origin: input.origin,
      index: input.index,
      profile: profileRecord(smallProfile),
      target: recordedOutcome(small.outcome),
      minimization: { attempts: small.attempts, fromBytes: input.bytes.length, toBytes: small.bytes.length },
      signature,
      occurrences: 1,
    };
    findings.set(signature, finding);
    last = finding;
    await options.onFinding?.(finding);
  };

  let batch = draw();
  while (batch.length > 0) {
    const running = target.run(batch.map(({ input }) => ({ struct: input.struct, bytes: input.bytes })));
    const upcoming = timeUp() ? [] : draw();
    const outcomes = await running;
    for (let i = 0; i < batch.length; i++) {
      const judged = batch[i];
      const outcome = outcomes[i];
      if (judged === undefined || outcome === undefined || outcome.kind === 'skipped') continue;
      if (outcome.kind === 'answer' && !outcome.answer.ok && outcome.answer.code === UNSUPPORTED_STRUCT) {
        unsupported.add(judged.input.struct);
        continue;
      }
      inputs += 1;
      if (outcome.kind === 'answer' && !outcome.answer.ok && !judged.profile.ok) {
        const byTarget = (codes[judged.profile.code] ??= {});
        const code = outcome.answer.code ?? '(no code)';
        byTarget[code] = (byTarget[code] ?? 0) + 1;
      }
      const kind = judge(judged.input.bytes, judged.profile, outcome, options.codeTable);
      if (kind !== undefined) await record(judged, outcome, kind);
    }
    if (options.onProgress !== undefined && now() - lastProgress >= (options.progressEveryMs ?? 1000)) {
      lastProgress = now();
      options.onProgress({ inputs, perSecond: inputs / Math.max(1e-3, (lastProgress - started) / 1000), findings: findings.size, last });
    }
    if (unsupported.size === new Set(options.structs).size) break;
    batch = timeUp() ? [] : upcoming;
  }
  const elapsedMs = now() - started;
  return {
    target: target.description,
    seed: options.seed,
    ...(options.shard === undefined ? {} : { shard: options.shard }),
    structs: options.structs,
    inputs,
    elapsedMs,
    perSecond: inputs / Math.max(1e-3, elapsedMs / 1000),
    findings: [...findings.values()],
    unsupported: [...unsupported],
    restarts: target.restarts,
    memoryCheck: target.memoryCheck,
    codes,
  };
}
