import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode, keyPackage as keyPackageCodec } from '../../harness/codec/index.js';
import { dsRequest, type ClientId, type DSRequest, type UserId } from '../../harness/messages/index.js';
import { isConnectionKeyPackage, isLastResortKeyPackage, joinFromWelcome, keyPackageBytes, peekWelcome, treeFromNodes, type OwnKeyPackage } from '../../harness/mls/index.js';
import { DEFAULT_RATE_LIMITS, signedDsRequest, UNKNOWN_LEAF, type StoredKeyPackage } from '../../harness/provider/index.js';
import { createFederation, createVirtualClient, ownerOf, postDsRequest, RequestRefused, type Federation, type VirtualClient } from '../../harness/scenario/index.js';
import { clientOf } from '../helpers/ds-world.js';
import { connectionLastResort } from '../helpers/leaf-extensions.js';

// A small budget so the drain is cheap to show; the default is 10, then one per 6 minutes (profile §14).
const BUDGET = { burst: 2, perSecond: 1 / 60 };

let federation: Federation;
let alice: VirtualClient;
let carol: VirtualClient;
let bob: VirtualClient;
let aliceConnectionLastResort: OwnKeyPackage;
beforeAll(async () => {
  federation = await createFederation({ seed: 51, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }], rateLimits: { ...DEFAULT_RATE_LIMITS, '/group_operation': { ...DEFAULT_RATE_LIMITS['/group_operation'], key_package: BUDGET } } });
  alice = await createVirtualClient(federation, clientOf('alice', 'alpha.test'), { keyPackages: 8 });
  carol = await createVirtualClient(federation, clientOf('carol', 'alpha.test'), { keyPackages: 3, lastResort: false });
  bob = await createVirtualClient(federation, clientOf('bob', 'beta.test'));
  aliceConnectionLastResort = await connectionLastResort(alice.identity);
  federation.provider('alpha.test').directory.setLastResort(alice.id, decode(keyPackageCodec, keyPackageBytes(aliceConnectionLastResort)), 'connection');
});
afterAll(async () => {
  await federation.dispose();
});

const anonymous = (body: DSRequest['request_body']): DSRequest => ({ version: 1, request_body: body, authentication_data: { auth_type: 'anonymous' } });

/** Anonymous ds_key_packages from an outside source, as anyone could send it. */
async function drain(clients: readonly ClientId[]): Promise<StoredKeyPackage[]> {
  const body = await postDsRequest(federation.network, 'mallory.test', 'ds.alpha.test', '/group_operation', anonymous({ request_type: 'ds_key_packages', key_packages_request: { client_identifiers: [...clients] } }));
  if (body.response_type !== 'key_packages') throw new Error(body.response_type);
  return body.key_packages;
}

async function drainConnection(user: UserId): Promise<StoredKeyPackage[]> {
  const body = await postDsRequest(federation.network, 'mallory.test', 'ds.alpha.test', '/group_operation', anonymous({ request_type: 'ds_connection_key_packages', connection_key_packages_request: { user_identifier: user } }));
  if (body.response_type !== 'connection_key_packages') throw new Error(body.response_type);
  return body.key_packages;
}

const lastResort = (kps: readonly StoredKeyPackage[]) => kps.map((kp) => isLastResortKeyPackage(kp.value));
const alpha = () => federation.provider('alpha.test');

describe('anonymous KeyPackage retrieval is bounded per client (DS draft §7.13, profile §14)', () => {
  it('past the budget only the last-resort KeyPackage is handed out, also when one request names a client many times', async () => {
    const answers: boolean[] = [];
    for (let i = 0; i < 5; i++) answers.push(...lastResort(await drain([alice.id])));
    expect(answers).toEqual([false, false, true, true, true]);
    expect(alpha().directory.remaining(alice.id, 'regular')).toBe(6);
    await federation.network.advance(120_000); // two tokens back
    expect(lastResort(await drain([alice.id, alice.id, alice.id, alice.id, alice.id]))).toEqual([false, false, true, true, true]);
    expect(alpha().directory.remaining(alice.id, 'regular')).toBe(4);
  });

  it('a client without a last-resort KeyPackage gets rate_limited with Retry-After, nothing is used up, and it recovers on the clock', async () => {
    expect(lastResort(await drain([carol.id, carol.id]))).toEqual([false, false]);
    const refused = await drain([carol.id]).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(RequestRefused);
    expect(refused).toMatchObject({ status: 429, code: 'rate_limited' });
    const raw = await federation.network.fetch('https://ds.alpha.test/group_operation', { method: 'POST', body: encode(dsRequest, anonymous({ request_type: 'ds_key_packages', key_packages_request: { client_identifiers: [carol.id] } })), headers: { 'content-type': 'application/octet-stream' } }, 'mallory.test');
    expect([raw.status, raw.headers.get('retry-after')]).toEqual([429, '60']); // one token per minute
    // Nothing of a refused request is used up, not even alice's budget when she is named beside carol.
    await expect(drain([alice.id, carol.id])).rejects.toMatchObject({ code: 'rate_limited' });
    expect(alpha().directory.remaining(carol.id, 'regular')).toBe(1);
    expect(alpha().directory.remaining(alice.id, 'regular')).toBe(4);
    await federation.network.advance(60_000);
    expect(lastResort(await drain([carol.id]))).toEqual([false]);
    expect(alpha().directory.remaining(carol.id, 'regular')).toBe(0);
  });

  it('draining connection KeyPackages leaves the last-resort one, and a connection can still be established with it', async () => {
    const drained: StoredKeyPackage[] = [];
    for (let i = 0; i < 4; i++) drained.push(...(await drainConnection(alice.id.user)));
    expect(drained.map((kp) => [isConnectionKeyPackage(kp.value), isLastResortKeyPackage(kp.value)])).toEqual([
      [true, false],
      [true, true],
      [true, true],
      [true, true],
    ]);
    expect(alpha().directory.remaining(alice.id, 'connection')).toBe(0);
    // Bob connects to alice (the signed /connection_key_packages path): he gets the last-resort connection KeyPackage.
    const groupId = await bob.connect(alice.id.user);
    await federation.settle();
    const [request] = alpha().takeMessages(alice.id).filter((m) => m.kind === 'connection_request');
    if (request === undefined) throw new Error('no connection request for alice');
    const { epoch } = await peekWelcome(aliceConnectionLastResort, request.message);
    const ask = await signedDsRequest(alice.identity.signatureKeyPair.signKey, { request_type: 'ds_welcome_info', welcome_info_request: { group_id: groupId, epoch } }, UNKNOWN_LEAF);
    const info = await postDsRequest(federation.network, 'alpha.test', ownerOf(groupId), '/welcome_information', ask);
    if (info.response_type !== 'welcome_info') throw new Error(info.response_type);
    const member = await joinFromWelcome(alice.identity, aliceConnectionLastResort, request.message, treeFromNodes(info.ratchet_tree));
    expect(member.state.groupContext.epoch).toBe(epoch);
    expect(Buffer.from(member.state.groupContext.groupId).toString('hex')).toBe(Buffer.from(groupId).toString('hex'));
  });
});
