import type { CheckResult } from '../conformance/index.js';
import type { RunSummary, StatusCounts } from './summary.js';

const STATUS_WORD: Record<CheckResult['status'], string> = { pass: 'PASS', fail: 'FAIL', skip: 'SKIP', unsupported: 'UNSUP' };

/**
 * One line of progress per check as it finishes: position, status, level, id, real duration.
 *
 * @example
 * progressLine(result, 0, 60) // "[ 1/60] PASS  MUST     ds.send-message.fan-out  (269 ms)"
 */
export function progressLine(result: CheckResult, index: number, total: number): string {
  const width = String(total).length;
  const word = result.status === 'fail' && result.expectedFailure !== undefined ? 'XFAIL' : STATUS_WORD[result.status];
  return `[${String(index + 1).padStart(width)}/${total}] ${word.padEnd(5)} ${result.level.padEnd(7)}  ${result.id}  (${result.durationMs} ms)`;
}

/** What a result's evidence says was expected and seen, on one line. @example verdictText(result) // "expected 405; actual 200" */
export function verdictText(result: CheckResult): string {
  const { expected, actual } = result.evidence;
  if (expected === undefined && actual === undefined) return 'no expected/actual given';
  return `expected ${expected ?? '?'}; actual ${actual ?? '?'}`;
}

const countsText = (c: StatusCounts) => `${c.pass} passed, ${c.fail} failed, ${c.skip} skipped, ${c.unsupported} unsupported`;

/** Options for {@link consoleSummary}. */
export interface ConsoleSummaryOptions {
  /** Appended to each printed replay command (e.g. ` --planted "…"` when the target is not the default). */
  readonly replaySuffix?: string;
  /** The closing line's extra facts (seed, transport, target, real time). */
  readonly facts?: string;
}

/**
 * The summary after a run (issue 10 §5): one line per category, then the
 * MUST failures and the PROFILE failures (each with expected, actual and its
 * replay command), then the SHOULD and MAY results apart (they do not change
 * the exit status unless strict), the checks that did not run and why, and
 * the closing line with the verdict and the run's trace hash.
 *
 * @example
 * for (const line of consoleSummary(results, summarizeRun(results, Object.keys(CATEGORIES)))) io.out(line);
 */
export function consoleSummary(results: readonly CheckResult[], summary: RunSummary, options: ConsoleSummaryOptions = {}): string[] {
  const lines: string[] = ['', 'by category:'];
  const width = Math.max(0, ...summary.categories.map((c) => c.category.length));
  for (const { category, counts } of summary.categories) lines.push(`  ${category.padEnd(width)}  ${countsText(counts)}`);
  const failure = (r: CheckResult) => [`  ${r.id}  (${r.section})`, `    ${verdictText(r)}`, `    replay: ${r.replay}${options.replaySuffix ?? ''}`];
  for (const level of ['MUST', 'PROFILE'] as const) {
    const failed = summary.failuresByLevel[level];
    if (failed.length > 0) lines.push('', `${level} failures (${failed.length}):`, ...failed.flatMap(failure));
  }
  const advisory = results.filter((r) => r.level === 'SHOULD' || r.level === 'MAY');
  if (advisory.length > 0) {
    lines.push('', `SHOULD and MAY results, reported apart (${summary.strict ? 'counted: --strict' : 'not counted in the exit status without --strict'}):`);
    for (const r of advisory) {
      lines.push(`  ${STATUS_WORD[r.status].padEnd(5)} ${r.level.padEnd(6)} ${r.id}`);
      if (r.status === 'fail' && r.expectedFailure === undefined) lines.push(`    ${verdictText(r)}`, `    replay: ${r.replay}${options.replaySuffix ?? ''}`);
    }
  }
  if (summary.expectedFailures.length > 0) {
    lines.push('', `expected failures, declared by the target's config, not counted in the exit status (${summary.expectedFailures.length}):`);
    for (const r of summary.expectedFailures) lines.push(`  XFAIL ${r.level.padEnd(6)} ${r.id}: ${r.expectedFailure ?? ''}`, `    ${verdictText(r)}`);
  }
  const notRun = results.filter((r) => r.status === 'skip' || r.status === 'unsupported');
  if (notRun.length > 0) lines.push('', `not run (${notRun.length}):`, ...notRun.map((r) => `  ${STATUS_WORD[r.status].padEnd(5)} ${r.id}: ${verdictText(r)}`));
  const { MUST, PROFILE, SHOULD, MAY } = summary.failuresByLevel;
  lines.push('', `${summary.total} checks: ${countsText(summary.counts)} (failed: ${MUST.length} MUST, ${PROFILE.length} PROFILE, ${SHOULD.length} SHOULD, ${MAY.length} MAY${summary.expectedFailures.length > 0 ? `; ${summary.expectedFailures.length} expected` : ''})${options.facts === undefined ? '' : `; ${options.facts}`}`);
  lines.push(`run trace hash: ${summary.traceHash}`);
  lines.push(summary.gating.length === 0 ? 'conformance run passed' : `conformance run FAILED: ${summary.gating.length} ${summary.strict ? 'failure(s)' : 'MUST/PROFILE failure(s)'}`);
  return lines;
}
