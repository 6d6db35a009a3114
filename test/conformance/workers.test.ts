import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { referenceTarget, runCatalog, type Check, type CheckResult, type WorkerRecipe } from '../../harness/conformance/index.js';

// Worker threads run plain Node, so they load the build: `npm run build` first (as test/fuzz/planted.test.ts).
const BUILT = fileURLToPath(new URL('../../dist/harness/conformance/check-worker.js', import.meta.url));
const FIXTURE = new URL('./fixtures/worker-failures.mjs', import.meta.url).href;
const DOMAIN = 'target.test';

const stub = (id: string): Check => ({ id, section: 'test', quote: 'test', level: 'MUST', role: 'endpoint', run: () => Promise.resolve({ status: 'pass' }) });
const IDS = ['worker.passes', 'worker.exits', 'worker.throws', 'worker.uncaught', 'worker.blocks', 'worker.passes-after'];

describe('runCatalog on worker threads: a worker that fails (issue 13 §4)', () => {
  it('a check that exits, throws, throws where nothing catches or blocks its thread is a fail with the reason; the others still run, in catalog order', async () => {
    if (!existsSync(BUILT)) throw new Error('worker threads run the build: run `npm run build` first');
    const recipe: WorkerRecipe = { module: FIXTURE, exportName: 'failingChecks', argument: { domain: DOMAIN } };
    const order: number[] = [];
    // The main thread knows only the checks' ids and levels; the worker runs its own copies of them.
    const results = await runCatalog({ target: referenceTarget({ domain: DOMAIN }), checks: IDS.map(stub), seed: 1, transport: 'direct', checkTimeoutMs: 300, workers: 2, recipe, onResult: (_, index) => { order.push(index); } });
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    const byId = new Map(results.map((r: CheckResult) => [r.id, r]));
    expect(results.map((r) => r.id)).toEqual(IDS);
    expect(byId.get('worker.passes')?.status).toBe('pass');
    expect(byId.get('worker.passes-after')?.status).toBe('pass');
    expect(byId.get('worker.exits')?.evidence.actual).toMatch(/the worker thread running it died \(exit code 7\)/);
    expect(byId.get('worker.throws')?.evidence.actual).toBe('Error: thrown inside the check');
    expect(byId.get('worker.uncaught')?.evidence.actual).toMatch(/died \(Error: nobody catches this\)/);
    expect(byId.get('worker.blocks')?.evidence.actual).toMatch(/gave no result within 1600 ms .*the worker was stopped/);
    for (const id of ['worker.exits', 'worker.throws', 'worker.uncaught', 'worker.blocks']) {
      expect(byId.get(id)?.status).toBe('fail');
      expect(byId.get(id)?.replay).toBe(`npx mimi-harness replay ${id} --seed 1 --transport direct`);
    }
  });

  it('a recipe that cannot build its target fails every check with the reason, and the run ends', async () => {
    const recipe: WorkerRecipe = { module: FIXTURE, exportName: 'brokenSetup' };
    const results = await runCatalog({ target: referenceTarget({ domain: DOMAIN }), checks: IDS.slice(0, 3).map(stub), seed: 1, workers: 2, recipe });
    expect(results.map((r) => r.status)).toEqual(['fail', 'fail', 'fail']);
    for (const result of results) expect(result.evidence.actual).toMatch(/could not build the target .*brokenSetup.*this recipe cannot build its target/);
    const missing = await runCatalog({ target: referenceTarget({ domain: DOMAIN }), checks: [stub('worker.passes'), stub('not.in.the.recipe')], seed: 1, workers: 2, recipe: { ...recipe, exportName: 'failingChecks', argument: { domain: DOMAIN } } });
    expect(missing.map((r) => [r.status, r.evidence.actual])).toEqual([['pass', undefined], ['fail', "the worker's recipe has no check not.in.the.recipe"]]);
  });

  it('more than one worker without a recipe is refused, and workers is a positive integer', async () => {
    await expect(runCatalog({ target: referenceTarget({ domain: DOMAIN }), checks: IDS.map(stub), seed: 1, workers: 2 })).rejects.toThrow(/needs a recipe/);
    await expect(runCatalog({ target: referenceTarget({ domain: DOMAIN }), checks: IDS.map(stub), seed: 1, workers: 0 })).rejects.toThrow(/positive integer/);
  });
});
