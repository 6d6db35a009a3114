import { describe, expect, it } from 'vitest';
import { PEER_DOMAINS, referenceTarget, runCatalog, runChecks, selectChecks, sendRequest, wrapTarget, type Check, type CheckResult } from '../../harness/conformance/index.js';
import { PLANTED } from '../../scenarios/index.js';
import { DS_DOMAIN_PATH } from '../../harness/messages/index.js';
import { methodNotAllowed, unsupportedMediaType } from '../../scenarios/transport/index.js';
import { verificationKeyRecipientMismatch } from '../../scenarios/forwarding/index.js';

/** Three cheap checks of the first slice, whose evidence these tests know. */
const FIRST_SLICE = [methodNotAllowed, unsupportedMediaType, verificationKeyRecipientMismatch];

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
    const results = await runChecks({ target: broken, checks: FIRST_SLICE, seed: 3 });
    expect(results.map((r) => [r.id, r.status])).toEqual(FIRST_SLICE.map((c) => [c.id, 'fail']));
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
      ['target.test', 'ds.other-name.test', ...PEER_DOMAINS.slice(0, 2).map((d) => `ds.${d}`), '0'],
      ['target.test', 'ds.other-name.test', ...PEER_DOMAINS.slice(0, 2).map((d) => `ds.${d}`), '0'],
    ]);
    expect(results[1]?.evidence.exchanges.map((e) => [e.source, e.destination, e.path, e.status])).toEqual([['peer-a.test', 'target.test', DS_DOMAIN_PATH, 200]]);
  });

  it('the same seed gives the same results and the same schedule of exchanges', async () => {
    // Bodies aside: the target's verification key is fresh key material that no seed drives (as traceHash({ bodies: false }) says).
    const schedule = (results: readonly CheckResult[]) =>
      results.map((r) => ({ ...r, durationMs: 0, evidence: { ...r.evidence, exchanges: r.evidence.exchanges.map((e) => [e.at, e.source, e.destination, e.method, e.path, e.status, e.request]) } }));
    const first = await runChecks({ target, checks: FIRST_SLICE, seed: 9 });
    const second = await runChecks({ target, checks: FIRST_SLICE, seed: 9 });
    expect(schedule(second)).toEqual(schedule(first));
    expect(first.map((r) => r.status)).toEqual(['pass', 'pass', 'pass']);
  });
});

describe('evidence (issue 10 §2)', () => {
  it('every request a check made is in its evidence, bodies decoded', async () => {
    const [methods, media, recipient] = await runChecks({ target: referenceTarget({ domain: 'target.test' }), checks: FIRST_SLICE, seed: 1 });
    // 9 endpoint paths, 5 POST paths × 2 wrong types, 2 key requests.
    expect(methods?.evidence.exchanges.map((e) => [e.method, e.status])).toEqual(Array.from({ length: 9 }, () => ['DELETE', 405]));
    expect(media?.evidence.exchanges.map((e) => e.status)).toEqual(Array.from({ length: 10 }, () => 415));
    expect(recipient?.evidence.exchanges.map((e) => [e.path, e.status, e.source])).toEqual([
      ['/verification_key', 421, 'peer-a.test'],
      ['/verification_key', 200, 'peer-a.test'],
    ]);
    expect(recipient?.evidence.exchanges[0]?.response_decoded).toMatchObject({ struct: 'DSResponse', value: { response_body: { response_type: 'error', error: { code: 'wrong_recipient' } } } });
    expect(recipient).toMatchObject({ section: verificationKeyRecipientMismatch.section, level: 'MUST', seed: 1 });
    expect(recipient?.traceHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('a failure says what was expected and what the target answered', async () => {
    const bug = PLANTED.find((b) => b.caughtBy.includes(verificationKeyRecipientMismatch.id) && !b.name.includes('control character'));
    if (bug === undefined) throw new Error('no planted bug for the recipient check');
    const [result] = await runChecks({ target: bug.target('target.test'), checks: [verificationKeyRecipientMismatch], seed: 1 });
    expect(result?.status).toBe('fail');
    expect(result?.evidence.expected).toContain('421 wrong_recipient');
    expect(result?.evidence.actual).toMatch(/^recipient ds\.peer-b\.test sent to ds\.target\.test: 200 not a DSResponse/);
  });

  it('a check whose needs the target does not meet is unsupported or skipped, never run', async () => {
    let ran = false;
    const needy: Check = { ...check('needs.control', () => { ran = true; return Promise.resolve({ status: 'pass' }); }), needs: ['control'] };
    const tlsOnly: Check = { ...check('needs.tls', () => { ran = true; return Promise.resolve({ status: 'pass' }); }), needs: ['tls'] };
    const bare = { ...target, name: 'bare' };
    delete (bare as { control?: unknown }).control;
    const results = await runChecks({ target: bare, checks: [needy], seed: 1 });
    const direct = await runCatalog({ target, checks: [tlsOnly], seed: 1, transport: 'direct' });
    expect([...results, ...direct].map((r) => [r.id, r.status])).toEqual([['needs.control', 'unsupported'], ['needs.tls', 'skip']]);
    expect(ran).toBe(false);
  });

  it('selectChecks matches ids by glob, several separated by commas', () => {
    const ids = (glob: string) => selectChecks(FIRST_SLICE, glob).map((c) => c.id);
    expect(ids('transport.*')).toEqual([methodNotAllowed.id, unsupportedMediaType.id]);
    expect(ids('*recipient*, transport.http.method-not-allowed')).toEqual([methodNotAllowed.id, verificationKeyRecipientMismatch.id]);
    expect(ids('nothing')).toEqual([]);
  });
  it('a network crash stops the target and a peer; a restart brings each back from its durable state', async () => {
    const calls: string[] = [];
    const counted = { ...target, name: 'counted', start: (durable: Parameters<typeof target.start>[0], env: Parameters<typeof target.start>[1]) => { calls.push('start'); return target.start(durable, env); }, stop: (durable: Parameters<typeof target.start>[0]) => { calls.push('stop'); target.stop?.(durable); } };
    const seen: boolean[] = [];
    const [result] = await runChecks({
      target: counted,
      checks: [check('a.restarts', async (ctx) => {
        const peer = ctx.peers[0];
        if (peer === undefined) throw new Error('no peer');
        ctx.network.crash(peer.domain);
        seen.push(peer.provider.running);
        ctx.network.restart(peer.domain);
        seen.push(peer.provider.running);
        ctx.network.crash(ctx.target.domain);
        ctx.network.restart(ctx.target.domain);
        const answer = await ctx.network.fetch(`https://${ctx.target.domain}${DS_DOMAIN_PATH}`);
        return { status: answer.status === 200 ? 'pass' : 'fail', actual: String(answer.status) };
      })],
      seed: 3,
    });
    expect(result?.status, result?.evidence.actual).toBe('pass');
    expect(seen).toEqual([false, true]);
    expect(calls).toEqual(['start', 'stop', 'start']);
  });
});
