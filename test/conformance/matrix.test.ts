import { describe, expect, it } from 'vitest';
import { runCatalog } from '../../harness/conformance/index.js';
import { CATALOG, CATEGORIES, PLANTED } from '../../scenarios/index.js';

/**
 * The planted-bug matrix as a whole (issue 10 §4). Each category's test
 * file runs its checks against the reference provider and its planted bugs
 * against its checks; this file asserts the matrix's shape, and with
 * MIMI_FULL_MATRIX=1 runs the whole catalog against every variant and
 * asserts that exactly the checks it names fail.
 */
const FULL = process.env['MIMI_FULL_MATRIX'] === '1';
const byId = new Map(CATALOG.map((c) => [c.id, c]));

describe('the planted-bug matrix (issue 10 §4)', () => {
  it('every check catches at least one planted bug, and every bug names at least one known check', () => {
    const caught = new Set(PLANTED.flatMap((bug) => bug.caughtBy));
    expect(CATALOG.map((c) => c.id).filter((id) => !caught.has(id))).toEqual([]);
    expect(PLANTED.flatMap((bug) => bug.caughtBy.filter((id) => !byId.has(id)).map((id) => `${bug.name}: ${id}`))).toEqual([]);
    expect(PLANTED.filter((bug) => bug.caughtBy.length === 0).map((bug) => bug.name)).toEqual([]);
    expect(new Set(PLANTED.map((bug) => bug.name)).size).toBe(PLANTED.length);
    expect(PLANTED.filter((bug) => new Set(bug.caughtBy).size !== bug.caughtBy.length).map((bug) => bug.name)).toEqual([]);
  });

  it('catalog ids are unique, and each starts with its category', () => {
    expect(new Set(CATALOG.map((c) => c.id)).size).toBe(CATALOG.length);
    const wrong = Object.entries(CATEGORIES).flatMap(([category, checks]) => checks.filter((c) => !c.id.startsWith(`${category}.`)).map((c) => `${category}: ${c.id}`));
    expect(wrong).toEqual([]);
  });

  it.runIf(FULL).each(PLANTED.map((bug) => [bug.name, bug] as const))('whole catalog against "%s": exactly the checks it names fail', async (_name, bug) => {
    const results = await runCatalog({ target: bug.target('target.test'), checks: CATALOG, seed: 1 });
    // A check that cannot judge a broken target (skip, unsupported) has not caught it; exactly the named checks fail.
    expect(results.filter((r) => r.status === 'fail').map((r) => r.id)).toEqual(CATALOG.filter((c) => bug.caughtBy.includes(c.id)).map((c) => c.id));
  });

  it('prints the matrix', () => {
    const rows = PLANTED.map((bug) => `${bug.name.padEnd(60)} ${bug.caughtBy.join(', ')}`);
    console.log(`planted-bug matrix: ${PLANTED.length} variants, ${CATALOG.length} checks\n${rows.join('\n')}`);
    expect(rows.length).toBe(PLANTED.length);
  });
});
