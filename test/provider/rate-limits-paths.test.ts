import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../../harness/codec/index.js';
import { dsRequest, registryEntry, type DSRequest } from '../../harness/messages/index.js';
import { signedDsRequest, UNKNOWN_LEAF, type ErrorCarrier, type RateLimits } from '../../harness/provider/index.js';
import { createFederation, createVirtualClient, type Federation, type VirtualClient } from '../../harness/scenario/index.js';
import { clientOf } from '../helpers/ds-world.js';

// Every DS path of the router with the carrier of its error answers (profile §10).
const DS_PATHS: readonly (readonly [string, ErrorCarrier])[] = [
  ['/group_operation', 'DSResponse'],
  ['/welcome_information', 'DSResponse'],
  ['/external_commit_information', 'DSResponse'],
  ['/verification_key', 'DSResponse'],
  ['/deliver_message', 'QueueingServiceResponse'],
  ['/connection_request', 'QueueingServiceResponse'],
  ['/connection_key_packages', 'ConnectionKeyPackageResponse'],
  ['/group_key_packages', 'GroupKeyPackageResponse'],
];

const SOURCE = { burst: 20, perSecond: 0.5 }; // enough for the setup, which also goes through these paths
const LIMITS: RateLimits = {
  ...Object.fromEntries(DS_PATHS.map(([path]) => [path, { source: SOURCE }])),
  // The transport draft's own example: welcome information per group.
  '/welcome_information': { source: SOURCE, group: { burst: 2, perSecond: 1 } },
};

let federation: Federation;
let alice: VirtualClient;
let bob: VirtualClient;
let carol: VirtualClient;
let group: Uint8Array;
let other: Uint8Array;
beforeAll(async () => {
  federation = await createFederation({ seed: 31, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }], rateLimits: LIMITS });
  alice = await createVirtualClient(federation, clientOf('alice', 'alpha.test'));
  bob = await createVirtualClient(federation, clientOf('bob', 'beta.test'));
  carol = await createVirtualClient(federation, clientOf('carol', 'beta.test'));
  group = await alice.createGroup();
  other = await alice.createGroup();
  // Bob and carol are added but have not fetched their trees yet: both wait on /welcome_information.
  await alice.addUsers(group, [bob.id]);
  await alice.addUsers(other, [carol.id]);
  await federation.network.advance(60_000); // every budget full
});
afterAll(async () => {
  await federation.dispose();
});

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
  readonly code: string;
}

async function post(path: string, body: Uint8Array, source: string, carrier: ErrorCarrier = 'DSResponse'): Promise<Answer> {
  const response = await federation.network.fetch(`https://ds.alpha.test${path}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, source);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (response.status === 200) return { status: 200, retryAfter: response.headers.get('retry-after'), code: 'ok' };
  const codec = registryEntry(carrier)?.codec;
  if (codec === undefined) throw new Error(`no codec for ${carrier}`);
  const decoded = decode(codec, bytes) as { response_body: { response_type: string; error?: { code: string } } };
  return { status: response.status, retryAfter: response.headers.get('retry-after'), code: decoded.response_body.error?.code ?? decoded.response_body.response_type };
}

/** A signed ds_welcome_info from `client` for its Add's epoch, with the sender index it does not know yet (profile §8). */
async function welcomeInfo(client: VirtualClient, groupId: Uint8Array, signKey = client.identity.signatureKeyPair.signKey): Promise<Uint8Array> {
  const request: DSRequest = await signedDsRequest(signKey, { request_type: 'ds_welcome_info', welcome_info_request: { group_id: groupId, epoch: 1n } }, UNKNOWN_LEAF);
  return encode(dsRequest, request);
}

describe('per group on /welcome_information (transport draft "Rate-limiting", profile §14)', () => {
  it('refuses at the budget and not before, per group, spends nothing for forgeries, and recovers on the clock', async () => {
    // Forged requests (carol's key for bob's group) are refused before the per-group token is taken.
    for (let i = 0; i < 4; i++) expect(await post('/welcome_information', await welcomeInfo(bob, group, carol.identity.signatureKeyPair.signKey), 'beta.test')).toMatchObject({ status: 403, code: 'invalid_signature' });
    const answers: Answer[] = [];
    for (let i = 0; i < 3; i++) answers.push(await post('/welcome_information', await welcomeInfo(bob, group), 'beta.test'));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 429]);
    expect(answers[2]).toEqual({ status: 429, retryAfter: '1', code: 'rate_limited' });
    // Per group, not per source: the same source is served for another group.
    expect(await post('/welcome_information', await welcomeInfo(carol, other), 'beta.test')).toMatchObject({ status: 200 });
    await federation.network.advance(999);
    expect((await post('/welcome_information', await welcomeInfo(bob, group), 'beta.test')).status).toBe(429);
    await federation.network.advance(1);
    expect((await post('/welcome_information', await welcomeInfo(bob, group), 'beta.test')).status).toBe(200);
  });
});

describe('per source address on every DS path (profile §10, §14)', () => {
  // The source token is taken before the body is read, so even an empty body spends it; the answers before the limit are the endpoint's own.
  for (const [path, carrier] of DS_PATHS) {
    it(`${path}: ${SOURCE.burst} requests pass, the next is 429 with Retry-After in the path's carrier; other sources unaffected; refilled on the clock`, async () => {
      const source = `flood${path.replaceAll('/', '-')}`;
      const send = (from = source) => post(path, new Uint8Array(0), from, carrier);
      const answers: Answer[] = [];
      for (let i = 0; i < SOURCE.burst + 1; i++) answers.push(await send());
      expect(answers.slice(0, SOURCE.burst).map((a) => a.code)).toEqual(Array(SOURCE.burst).fill('decode_error'));
      expect(answers[SOURCE.burst]).toEqual({ status: 429, retryAfter: '2', code: 'rate_limited' });
      expect((await send(`${source}-other`)).code).toBe('decode_error');
      expect((await send()).status).toBe(429); // a refusal takes no token and changes nothing
      await federation.network.advance(1_999);
      expect((await send()).status).toBe(429);
      await federation.network.advance(1);
      expect((await send()).code).toBe('decode_error');
      expect((await send()).status).toBe(429);
    });
  }
});
