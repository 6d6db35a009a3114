import { runCatalog, type Check, type CheckResult, type Target } from '../conformance/index.js';
import type { TransportMode } from '../network/index.js';

/** Options for {@link defineConformanceSuite} and {@link runConformanceTest}. */
export interface ConformanceSuiteOptions {
  /** The provider under test: any in-process {@link Target}. */
  readonly target: Target;
  /** Default: the whole catalog (`CATALOG` of `mimi-transport-harness/catalog`). */
  readonly checks?: readonly Check[];
  /** Default 1. */
  readonly seed?: number;
  /** Default `tls`. */
  readonly transport?: TransportMode;
  /** Runs per property check (default: each check's own). */
  readonly numRuns?: number;
  /** The describe block's name (default `MIMI conformance: <target name>`). */
  readonly name?: string;
  /** Per-test timeout in ms (default 120 000: a check runs on the virtual clock, but MLS work is real). */
  readonly timeout?: number;
}

/** What one vitest test does with a result: pass, skip with the reason, or fail with expected and actual. */
export type ConformanceTestOutcome =
  | { readonly kind: 'pass'; readonly result: CheckResult }
  | { readonly kind: 'skip'; readonly reason: string; readonly result: CheckResult }
  | { readonly kind: 'fail'; readonly message: string; readonly expected: string; readonly actual: string; readonly result: CheckResult };

/**
 * How a result becomes a test: `pass` passes; `skip` and `unsupported`
 * skip with their reason (never a silent pass); `fail` fails with what was
 * expected and what the target did, its section and seed.
 *
 * @example
 * testOutcome(result) // { kind: 'fail', message: 'ds.send-message.fan-out (PROFILE; …) failed: expected …; actual …', … }
 */
export function testOutcome(result: CheckResult): ConformanceTestOutcome {
  const expected = result.evidence.expected ?? '(the check gave no expectation)';
  const actual = result.evidence.actual ?? '(the check said nothing about what it saw)';
  switch (result.status) {
    case 'pass':
      return { kind: 'pass', result };
    case 'skip':
    case 'unsupported':
      return { kind: 'skip', reason: `${result.status}: ${result.evidence.actual ?? 'no reason given'}${result.evidence.expected === undefined ? '' : ` (needs ${result.evidence.expected})`}`, result };
    case 'fail':
      return { kind: 'fail', message: `${result.id} (${result.level}; ${result.section}) failed, seed ${result.seed}\nexpected: ${expected}\nactual:   ${actual}`, expected, actual, result };
  }
}

/**
 * The inner runner of one test of {@link defineConformanceSuite}: runs one
 * check against the target (a fresh network, as the CLI does) and says what
 * the test must do. Usable without vitest.
 *
 * @example
 * const outcome = await runConformanceTest({ target }, check); // outcome.kind === 'pass'
 */
export async function runConformanceTest(options: ConformanceSuiteOptions, check: Check): Promise<ConformanceTestOutcome> {
  const [result] = await runCatalog({ target: options.target, checks: [check], seed: options.seed ?? 1, ...(options.transport === undefined ? {} : { transport: options.transport }), ...(options.numRuns === undefined ? {} : { numRuns: options.numRuns }) });
  if (result === undefined) throw new Error(`the runner returned no result for ${check.id}`);
  return testOutcome(result);
}
