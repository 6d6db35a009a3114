/**
 * The vitest integration (issue 10 §5): `defineConformanceSuite({ target })`
 * declares one vitest test per check of the catalog. Import it from a test
 * file of your project (vitest is an optional peer dependency).
 *
 * @example
 * import { defineConformanceSuite } from 'mimi-transport-harness/vitest';
 * defineConformanceSuite({ target: myTarget });
 */
export { runConformanceTest, testOutcome, type ConformanceSuiteOptions, type ConformanceTestOutcome } from './outcome.js';
export { ConformanceFailure, defineConformanceSuite } from './suite.js';
