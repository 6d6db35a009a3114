import { describe, expect, it } from 'vitest';
import { PEER_DOMAINS, referenceTarget, runChecks, sendRequest, wrapTarget, type Check, type CheckResult } from '../../harness/conformance/index.js';
import { DS_DOMAIN_PATH } from '../../harness/messages/index.js';
import { CATALOG } from '../../scenarios/index.js';

const target = referenceTarget({ domain: 'target.test', dsDomain: 'ds.other-name.test' });

function check(id: string, run: Check['run']): Check {
  return { id, section: 'test', quote: 'test', level: 'MUST', role: 'endpoint', run };
}

describe('runChecks (issue 10 §2)', () => {
  it('a check that throws is a fail with the error as actual, and the run goes on in catalog order', async () => {
    const results = await runChecks({
      target,
      checks: [check('a.throws', () => Promise.reject(new TypeError('boom'))), check('b.passes', () => Promise.resolve({ status: 'pass' })), check('c.skips', () => Promise.resolve({ status: 'skip', actual: 'not today' }))],
      seed: 3,
    });
    expect(results.map((r) => [r.id, r.status, r.evidence.actual])).toEqual([
      ['a.throws', 'fail', 'TypeError: boom'],
      ['b.passes', 'pass', undefined],
      ['c.skips', 'skip', 'not today'],
    ]);
  });

  it('a target whose handler throws is judged, not a crash: its checks fail with what was seen', async () => {
    const broken = wrapTarget(target, 'throws', () => () => Promise.reject(new Error('handler exploded')));
    const results = await runChecks({ target: broken, checks: CATALOG, seed: 3 });
    expect(results.map((r) => [r.id, r.status])).toEqual(CATALOG.map((c) => [c.id, 'fail']));
    // The network turns a handler's exception into a 500, which each check reports as what it saw.
    expect(results[0]?.evidence.actual).toMatch(/^DELETE \/group_operation: 500; /);
    expect(results[1]?.evidence.actual).toMatch(/^POST \/group_operation with no Content-Type: 500; /);
    expect(results[2]?.evidence.actual).toMatch(/^recipient ds\.peer-b\.test sent to ds\.other-name\.test: 500 not a DSResponse/);
  });

  it('each check gets a fresh network with the target (DS domain apart from its provider domain) and the harness peers', async () => {
    const seen: string[][] = [];
    const probe = check('probe', async (ctx) => {
      seen.push([ctx.target.domain, ctx.target.dsDomain, ...ctx.peers.map((p) => p.dsDomain), String(ctx.network.trace.length)]);
      const discovery = await sendRequest(ctx, { source: 'peer-a.test', url: `https://${ctx.target.domain}${DS_DOMAIN_PATH}`, method: 'GET' });
      return { status: discovery.status === 200 ? 'pass' : 'fail', actual: String(discovery.status) };
    });
    const results = await runChecks({ target, checks: [probe, probe], seed: 3 });
    expect(results.map((r) => r.status)).toEqual(['pass', 'pass']);
    // The second check starts on an empty trace: nothing of the first network is left.
    expect(seen).toEqual([
      ['target.test', 'ds.other-name.test', ...PEER_DOMAINS.map((d) => `ds.${d}`), '0'],
      ['target.test', 'ds.other-name.test', ...PEER_DOMAINS.map((d) => `ds.${d}`), '0'],
    ]);
    expect(results[1]?.evidence.exchanges.map((e) => [e.source, e.destination, e.path, e.status])).toEqual([['peer-a.test', 'target.test', DS_DOMAIN_PATH, 200]]);
  });

  it('the same seed gives the same results and the same schedule of exchanges', async () => {
    // Bodies aside: the target's verification key is fresh key material that no seed drives (as traceHash({ bodies: false }) says).
    const schedule = (results: readonly CheckResult[]) =>
      results.map((r) => ({ ...r, evidence: { ...r.evidence, exchanges: r.evidence.exchanges.map((e) => [e.at, e.source, e.destination, e.method, e.path, e.status, e.request]) } }));
    const first = await runChecks({ target, checks: CATALOG, seed: 9 });
    const second = await runChecks({ target, checks: CATALOG, seed: 9 });
    expect(schedule(second)).toEqual(schedule(first));
    expect(first.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  });
});
