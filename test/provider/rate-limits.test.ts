import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode, encode } from '../../harness/codec/index.js';
import { dsRequest, dsResponse, verificationKeyRequest } from '../../harness/messages/index.js';
import { commit, leafIndexOf } from '../../harness/mls/index.js';
import { createRateLimiter, signedDsRequest, type RateLimits } from '../../harness/provider/index.js';
import type { RequestRefused } from '../../harness/scenario/index.js';
import { createFederation, createVirtualClient, embedded, postDsRequest, type Federation, type VirtualClient } from '../../harness/scenario/index.js';
import { clientOf } from '../helpers/ds-world.js';

const LIMITS: RateLimits = {
  '/external_commit_information': { group: { burst: 2, perSecond: 1 } },
  '/group_operation': { member: { burst: 3, perSecond: 1 } },
  '/verification_key': { source: { burst: 2, perSecond: 0.5 } },
};

let federation: Federation;
let alice: VirtualClient;
let bob: VirtualClient;
let group: Uint8Array;
beforeEach(async () => {
  federation = await createFederation({ seed: 14, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }], rateLimits: LIMITS });
  alice = await createVirtualClient(federation, clientOf('alice', 'alpha.test'));
  bob = await createVirtualClient(federation, clientOf('bob', 'beta.test'));
  group = await alice.createGroup();
  await alice.addUsers(group, [bob.id]);
  await federation.settle();
  await bob.sync();
  await federation.network.advance(10_000); // budgets full again
});
afterEach(async () => {
  await federation.dispose();
});

async function post(path: string, body: Uint8Array, source = 'beta.test'): Promise<{ status: number; retryAfter: string | null; code: string }> {
  const response = await federation.network.fetch(`https://ds.alpha.test${path}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, source);
  const bytes = new Uint8Array(await response.arrayBuffer());
  // Errors are DSResponse on these paths; /verification_key answers a VerificationKeyResponse on success (profile §10).
  const decoded = response.status === 200 ? undefined : decode(dsResponse, bytes).response_body;
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: decoded?.response_type === 'error' ? decoded.error.code : 'ok' };
}

const commitInfo = (groupId: Uint8Array) => encode(dsRequest, { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: groupId } }, authentication_data: { auth_type: 'anonymous' } });

describe('rate limits (transport draft "Rate-limiting", profile §10) on the virtual clock', () => {
  it('per group on /external_commit_information: 429 rate_limited with Retry-After, other groups unaffected, refilled in time', async () => {
    const other = await alice.createGroup();
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(await post('/external_commit_information', commitInfo(group)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2]).toMatchObject({ code: 'rate_limited', retryAfter: '1' });
    expect((await post('/external_commit_information', commitInfo(other))).status).toBe(200);
    await federation.network.advance(1_000);
    expect((await post('/external_commit_information', commitInfo(group))).status).toBe(200);
  });

  it('per member on /group_operation: the refused message is not fanned out, and the member may go on once refilled', async () => {
    for (const text of ['1', '2', '3']) await alice.send(group, text);
    await expect(alice.send(group, '4')).rejects.toMatchObject({ status: 429, code: 'rate_limited' } satisfies Partial<RequestRefused>);
    await federation.settle();
    await bob.sync();
    expect(bob.received.map((r) => r.text)).toEqual(['1', '2', '3']);
    await federation.network.advance(1_000);
    await alice.send(group, '5');
    await federation.settle();
    await bob.sync();
    expect(bob.received.map((r) => r.text)).toEqual(['1', '2', '3', '5']);
  });

  it('forged commits naming a member do not spend that member’s budget', async () => {
    const mallory = await createVirtualClient(federation, clientOf('mallory', 'beta.test'));
    for (let i = 0; i < 5; i++) {
      const error = await attemptForged(mallory);
      expect(error).toMatchObject({ status: 403, code: 'invalid_signature' });
    }
    for (const text of ['a', 'b', 'c']) await alice.send(group, text);
  });

  it('per source address on /verification_key', async () => {
    const ask = (source: string) => post('/verification_key', encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test' }), source);
    const fromBeta = [await ask('beta.test'), await ask('beta.test'), await ask('beta.test')];
    expect(fromBeta.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(fromBeta[2]?.retryAfter).toBe('2'); // 0.5 tokens per second: two seconds for the next one
    expect((await ask('gamma-client')).status).toBe(200);
  });

  it('the token bucket refills at its rate and never above its burst', () => {
    let now = 0;
    const limiter = createRateLimiter({ '/p': { source: { burst: 2, perSecond: 2 } } }, { now: () => now, setTimer: () => () => undefined, sleep: () => Promise.resolve(), waitFor: <T>(work: Promise<T>) => work });
    const take = () => {
      try {
        limiter.take('/p', 'source', 'x');
        return true;
      } catch {
        return false;
      }
    };
    expect([take(), take(), take()]).toEqual([true, true, false]);
    now += 500;
    expect([take(), take()]).toEqual([true, false]);
    now += 60_000;
    expect([take(), take(), take()]).toEqual([true, true, false]);
    limiter.take('/unlimited', 'source', 'x');
  });
});

/** An update commit by alice's leaf, but signed by someone else's key. */
async function attemptForged(forger: VirtualClient): Promise<unknown> {
  const member = alice.member(group);
  if (member === undefined) throw new Error('alice is not in the group');
  const out = await commit(member);
  const request = await signedDsRequest(forger.identity.signatureKeyPair.signKey, { request_type: 'ds_update_client', update_client_request: { group_update: { commit: embedded(out.commit), partial_group_info: out.partialGroupInfo } } }, leafIndexOf(member));
  return postDsRequest(federation.network, 'beta.test', 'ds.alpha.test', '/group_operation', request).catch((e: unknown) => e);
}
