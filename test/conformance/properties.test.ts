import { describe, expect, it } from 'vitest';
import { referenceTarget, runCatalog, type CheckResult } from '../../harness/conformance/index.js';
import { PROPERTY_CHECKS, PROPERTY_PLANTED } from '../../scenarios/index.js';
import { fanOutUnderFaults } from '../../scenarios/properties/index.js';
import { describeCategory } from '../helpers/catalog.js';

describeCategory('properties', PROPERTY_CHECKS, PROPERTY_PLANTED);

const DOMAIN = 'target.test';
/** The names of a run's clients carry the run's number (r3c1), which a replay of one run counts afresh. */
const counterexampleOf = (result: CheckResult | undefined) => /Counterexample \((\d+) providers, shrunk\): (\[[^\]]*\])/.exec(result?.evidence.actual ?? '')?.slice(1, 3);

describe('a failing property run (issue 10 §3 properties)', () => {
  const bug = PROPERTY_PLANTED.find((b) => b.name.startsWith('reorders deliveries'));
  if (bug === undefined) throw new Error('no reordering planted bug');

  it('reports its seed, its path and a replay command; the same seed gives the same counterexample, and replaying the path reproduces it', async () => {
    const [first] = await runCatalog({ target: bug.target(DOMAIN), checks: [fanOutUnderFaults], seed: 1 });
    expect(first?.status).toBe('fail');
    const replay = first?.replay ?? '';
    const path = /--path (\S+)$/.exec(replay)?.[1];
    expect(replay).toMatch(/^npx mimi-harness replay properties\.fan-out\.under-faults --seed 1 --path \d+(:\d+)*@[A-Za-z0-9+/]*:[A-Za-z0-9+/]*$/);
    expect(first?.evidence.actual).toContain(`seed 1, path ${path ?? '?'}`);
    expect(counterexampleOf(first)).toHaveLength(2);

    const [again] = await runCatalog({ target: bug.target(DOMAIN), checks: [fanOutUnderFaults], seed: 1 });
    expect([again?.status, again?.replay, counterexampleOf(again)]).toEqual(['fail', replay, counterexampleOf(first)]);

    const [replayed] = await runCatalog({ target: bug.target(DOMAIN), checks: [fanOutUnderFaults], seed: 1, ...(path === undefined ? {} : { path }) });
    expect([replayed?.status, replayed?.replay, counterexampleOf(replayed)]).toEqual(['fail', replay, counterexampleOf(first)]);
  }, 120_000);

  it('the reference provider passes the same seed twice with the same schedule', async () => {
    const results: (CheckResult | undefined)[] = [];
    for (let i = 0; i < 2; i++) results.push((await runCatalog({ target: referenceTarget({ domain: DOMAIN }), checks: [fanOutUnderFaults], seed: 5, numRuns: 1 }))[0]);
    expect(results.map((r) => r?.status)).toEqual(['pass', 'pass']);
    expect(results[1]?.traceHash).toBe(results[0]?.traceHash);
  }, 120_000);
});
