import { describe, expect, it } from 'vitest';
import { referenceTarget } from '../../harness/conformance/index.js';
import { ENDPOINT_PLANTED, fuzzEndpoints, FUZZ_ENDPOINTS } from '../../harness/fuzz/index.js';

/** Inputs per endpoint of the reference run; MIMI_FUZZ_RUNS asks for a longer campaign. */
const REFERENCE_RUNS = Math.max(16, Number(process.env['MIMI_FUZZ_RUNS'] ?? 0) || 0);

describe('endpoint fuzzing (docs/FUZZING.md "Endpoint fuzzing", issue 12 §3)', () => {
  it('the reference provider yields no finding on any of the eight endpoints', async () => {
    const summary = await fuzzEndpoints(referenceTarget({ domain: 'target.test' }), { endpoints: FUZZ_ENDPOINTS, seed: 1, runs: REFERENCE_RUNS, batch: 16 });
    expect(summary.aborted).toBeUndefined();
    expect(summary.findings.map((f) => `${f.endpoint} ${f.kind}: ${f.problem}`)).toEqual([]);
    expect(Object.keys(summary.counts)).toEqual(FUZZ_ENDPOINTS);
    for (const path of FUZZ_ENDPOINTS) expect(summary.counts[path]?.inputs, path).toBe(REFERENCE_RUNS);
    // The state checks ran: a batch with an accepted mutant is not judged, but most batches are all refused.
    expect(Object.values(summary.counts).reduce((n, c) => n + c.stateChecks, 0)).toBeGreaterThan(4);
  }, 60_000);

  const expectedKind: Record<string, string> = {
    'fuzz: 500 on trailing bytes': 'server-error',
    'fuzz: plain-text refusals': 'undecodable-error',
    'fuzz: refused KeyPackage request consumes': 'state-change',
  };
  for (const bug of ENDPOINT_PLANTED) {
    it(`catches the planted bug "${bug.name}" within 64 inputs, minimized`, async () => {
      const summary = await fuzzEndpoints(bug.target('target.test'), { endpoints: [bug.endpoint], seed: 1, runs: 64 });
      const kinds = summary.findings.map((f) => f.kind);
      expect(kinds).toContain(expectedKind[bug.name]);
      const finding = summary.findings.find((f) => f.kind === expectedKind[bug.name]);
      expect(finding?.endpoint).toBe(bug.endpoint);
      expect(finding?.minimization.toBytes).toBeLessThanOrEqual(finding?.minimization.fromBytes ?? 0);
    }, 60_000);
  }

  it('draws the same inputs from the same seed on the in-process target', async () => {
    const bug = ENDPOINT_PLANTED.find((b) => b.name === 'fuzz: plain-text refusals');
    if (bug === undefined) throw new Error('no such planted bug');
    const once = await fuzzEndpoints(bug.target('target.test'), { endpoints: [bug.endpoint], seed: 7, runs: 16, minimize: false });
    const again = await fuzzEndpoints(bug.target('target.test'), { endpoints: [bug.endpoint], seed: 7, runs: 16, minimize: false });
    expect(again.findings.map((f) => [f.index, f.mutation, f.resigned])).toEqual(once.findings.map((f) => [f.index, f.mutation, f.resigned]));
    expect(again.counts).toEqual(once.counts);
  }, 60_000);
});
