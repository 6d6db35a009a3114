import { describe, it } from 'vitest';
import { CATALOG } from '../../scenarios/index.js';
import { runConformanceTest, type ConformanceSuiteOptions } from './outcome.js';

/** A failed check as a test failure: vitest prints the message and the expected/actual pair. */
export class ConformanceFailure extends Error {
  override readonly name = 'ConformanceFailure';
  readonly expected: string;
  readonly actual: string;
  constructor(message: string, expected: string, actual: string) {
    super(message);
    this.expected = expected;
    this.actual = actual;
  }
}

/**
 * Declares a vitest suite with one test per check (issue 10 §5): call it at
 * the top of a test file. A failing check fails its test with expected and
 * actual in the message; a skipped or unsupported check is reported as
 * skipped with its reason (`ctx.skip`), never passed. vitest is an optional
 * peer dependency: your project's own vitest runs it.
 *
 * @example
 * import { defineConformanceSuite } from 'mimi-transport-harness/vitest';
 * import { PLANTED } from 'mimi-transport-harness/catalog';
 * defineConformanceSuite({ target: myTarget, seed: 1 });
 */
export function defineConformanceSuite(options: ConformanceSuiteOptions): void {
  const checks = options.checks ?? CATALOG;
  describe(options.name ?? `MIMI conformance: ${options.target.name}`, () => {
    for (const check of checks) {
      it(`${check.id} [${check.level}]`, { timeout: options.timeout ?? 120_000 }, async (ctx) => {
        const outcome = await runConformanceTest(options, check);
        if (outcome.kind === 'skip') ctx.skip(outcome.reason);
        if (outcome.kind === 'fail') throw new ConformanceFailure(outcome.message, outcome.expected, outcome.actual);
      });
    }
  });
}
