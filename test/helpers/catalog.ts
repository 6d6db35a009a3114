import { describe, expect, it } from 'vitest';
import { referenceTarget, runCatalog, type Check, type CheckResult, type Target } from '../../harness/conformance/index.js';
import type { PlantedBug } from '../../scenarios/index.js';

const DOMAIN = 'target.test';

const describeResult = (r: CheckResult) => `${r.id}: ${r.status} — expected ${r.evidence.expected ?? '?'}; actual ${r.evidence.actual ?? '?'}`;

/**
 * The standard test of one catalog category (issue 10 §4): the unmodified
 * reference provider passes every check of the category, and each planted
 * bug of the category fails exactly the checks it names among them (its
 * failures say what was expected and what was seen). The whole-catalog
 * cross run is test/conformance/matrix.test.ts's, behind MIMI_FULL_MATRIX.
 *
 * @example
 * describeCategory('forwarding', FORWARDING_CHECKS, FORWARDING_PLANTED);
 */
export function describeCategory(name: string, checks: readonly Check[], planted: readonly PlantedBug[], options: { readonly reference?: Target; readonly seed?: number } = {}): void {
  const seed = options.seed ?? 1;
  describe(`catalog category ${name} (issue 10 §3, §4)`, () => {
    it.each(checks.map((c) => [c.id, c] as const))('the reference provider passes %s', async (_id, check) => {
      const [result] = await runCatalog({ target: options.reference ?? referenceTarget({ domain: DOMAIN }), checks: [check], seed });
      if (result === undefined) throw new Error('no result');
      expect(result.status, describeResult(result)).toBe('pass');
    });

    it.each(planted.map((bug) => [bug.name, bug] as const))('planted bug "%s" is caught by exactly the checks it names', async (_name, bug) => {
      const mine = checks.filter((c) => bug.caughtBy.includes(c.id));
      expect(mine.map((c) => c.id), 'a planted bug of this category names checks of this category').toEqual(bug.caughtBy.filter((id) => checks.some((c) => c.id === id)));
      expect(mine.length).toBeGreaterThan(0);
      const results = await runCatalog({ target: bug.target(DOMAIN), checks: mine, seed });
      for (const result of results) {
        expect(result.status, describeResult(result)).toBe('fail');
        expect(result.evidence.expected, result.id).toBeTruthy();
        expect(result.evidence.actual, result.id).toBeTruthy();
      }
    });
  });
}
