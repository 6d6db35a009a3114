import { createHash } from 'node:crypto';
import type { CheckLevel, CheckResult, CheckStatus } from '../conformance/index.js';

/** Counts of one group of results by status. */
export type StatusCounts = Record<CheckStatus, number>;

/** One category's line of the summary (issue 10 §5: a summary per category). */
export interface CategorySummary {
  readonly category: string;
  readonly counts: StatusCounts;
}

/** What a run came to: per category, per level, the failures that decide the exit status, and the run's trace hash. */
export interface RunSummary {
  readonly total: number;
  readonly counts: StatusCounts;
  readonly categories: readonly CategorySummary[];
  readonly failuresByLevel: Record<CheckLevel, readonly CheckResult[]>;
  /** The failures that make the exit status non-zero (see {@link gatingLevels}). */
  readonly gating: readonly CheckResult[];
  readonly strict: boolean;
  readonly traceHash: string;
  /** Failures the target's config declares expected (issue 11 §3): reported, never gating. */
  readonly expectedFailures: readonly CheckResult[];
}

/**
 * A failure the target's config does not expect (no {@link CheckResult.expectedFailure}).
 *
 * @example
 * results.filter(isUnexpectedFailure)
 */
export function isUnexpectedFailure(result: CheckResult): boolean {
  return result.status === 'fail' && result.expectedFailure === undefined;
}

/**
 * The levels whose failures make `mimi-harness run` exit non-zero. MUST,
 * and PROFILE too: a PROFILE rule is one the drafts leave open and
 * docs/PROFILE.md pins, it is what the harness asserts on the wire, and a
 * target that breaks it does not interoperate with the harness's peers.
 * SHOULD and MAY are reported apart (as h2spec's strict mode does) and
 * count only with `strict`.
 *
 * @example
 * gatingLevels(false) // ['MUST', 'PROFILE']
 */
export function gatingLevels(strict: boolean): readonly CheckLevel[] {
  return strict ? ['MUST', 'PROFILE', 'SHOULD', 'MAY'] : ['MUST', 'PROFILE'];
}

/** The category of a check: the first segment of its id (issue 10 §2). @example categoryOf('ds.send-message.fan-out') // 'ds' */
export function categoryOf(id: string): string {
  return id.split('.')[0] ?? id;
}

const emptyCounts = (): StatusCounts => ({ pass: 0, fail: 0, skip: 0, unsupported: 0 });

/**
 * The run's trace hash: SHA-256 over each check's id and schedule hash
 * ({@link CheckResult.traceHash}), in the order of the results (catalog
 * order). Equal for two runs of one seed on one catalog.
 *
 * @example
 * runTraceHash(results) // '3f2a…'
 */
export function runTraceHash(results: readonly CheckResult[]): string {
  const hash = createHash('sha256');
  for (const result of results) hash.update(`${result.id} ${result.traceHash}\n`);
  return hash.digest('hex');
}

/**
 * Summarises results: counts per category (in the order of `categories`,
 * then any other first id segment in order of appearance), failures per
 * level, and the gating failures.
 *
 * @example
 * const summary = summarizeRun(results, Object.keys(CATEGORIES), { strict: false });
 * process.exitCode = summary.gating.length > 0 ? 1 : 0;
 */
export function summarizeRun(results: readonly CheckResult[], categories: readonly string[] = [], options: { readonly strict?: boolean } = {}): RunSummary {
  const strict = options.strict ?? false;
  const byCategory = new Map<string, StatusCounts>(categories.map((c) => [c, emptyCounts()]));
  const counts = emptyCounts();
  for (const result of results) {
    const category = categoryOf(result.id);
    let group = byCategory.get(category);
    if (group === undefined) {
      group = emptyCounts();
      byCategory.set(category, group);
    }
    group[result.status] += 1;
    counts[result.status] += 1;
  }
  // An expected failure (CheckResult.expectedFailure, issue 11 §3) is listed apart and never gates.
  const failed = (level: CheckLevel) => results.filter((r) => isUnexpectedFailure(r) && r.level === level);
  const gate = gatingLevels(strict);
  return {
    total: results.length,
    counts,
    // A category with no results in this run (a --check that leaves it out) is not shown.
    categories: [...byCategory].filter(([, c]) => c.pass + c.fail + c.skip + c.unsupported > 0).map(([category, c]) => ({ category, counts: c })),
    failuresByLevel: { MUST: failed('MUST'), PROFILE: failed('PROFILE'), SHOULD: failed('SHOULD'), MAY: failed('MAY') },
    gating: results.filter((r) => isUnexpectedFailure(r) && gate.includes(r.level)),
    expectedFailures: results.filter((r) => r.status === 'fail' && r.expectedFailure !== undefined),
    strict,
    traceHash: runTraceHash(results),
  };
}
