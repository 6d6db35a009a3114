import { beforeEach, afterEach, describe, expect, it } from 'vitest';
import { decode, keyPackage } from '../../harness/codec/index.js';
import { connectionKeyPackageResponse, groupKeyPackageResponse, type ClientId } from '../../harness/messages/index.js';
import { clientOfLeaf, createKeyPackage, createIdentity, generateSignatureKeys, isConnectionKeyPackage, isLastResortKeyPackage } from '../../harness/mls/index.js';
import { encodeKeyPackage } from 'ts-mls/keyPackage.js';
import { createNetwork, type Network } from '../../harness/network/index.js';
import { createProvider, signedConnectionKeyPackageRequest, signedGroupKeyPackageRequest, type Provider, type StoredKeyPackage } from '../../harness/provider/index.js';

let network: Network;
let alpha: Provider;
let beta: Provider;
const bob: ClientId = { user: { user_name: 'bob', domain: 'alpha.test' }, client_name: 'phone' };
const bobTablet: ClientId = { user: { user_name: 'bob', domain: 'alpha.test' }, client_name: 'tablet' };

async function stored(client: ClientId, kind: 'regular' | 'connection' | 'last-resort'): Promise<StoredKeyPackage> {
  const kp = await createKeyPackage(await createIdentity(client), kind);
  return decode(keyPackage, encodeKeyPackage(kp.publicPackage));
}

beforeEach(async () => {
  network = createNetwork({ seed: 9 });
  alpha = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test', clock: network.clock });
  beta = await createProvider({ domain: 'beta.test', dsDomain: 'ds.beta.test', clock: network.clock });
  for (const p of [alpha, beta]) await network.addHost({ names: [p.domain, p.dsDomain], start: () => p.fetch });
  alpha.directory.addClient(bob);
  alpha.directory.addClient(bobTablet);
  alpha.directory.addKeyPackages(bob, 'regular', [await stored(bob, 'regular'), await stored(bob, 'regular')]);
  alpha.directory.setLastResort(bob, await stored(bob, 'last-resort'));
  alpha.directory.addKeyPackages(bob, 'connection', [await stored(bob, 'connection')]);
  alpha.directory.addKeyPackages(bobTablet, 'connection', [await stored(bobTablet, 'connection')]);
});
afterEach(async () => {
  await network.dispose();
});

let nextId = 0n;
function groupRequest(clients: ClientId[], overrides: { recipient?: string; messageId?: bigint; signKey?: Uint8Array; requester?: { user_name: string; domain: string } } = {}): Promise<Uint8Array> {
  nextId += 1n;
  return signedGroupKeyPackageRequest(overrides.signKey ?? beta.signingKey.signKey, {
    protocol_version: 1,
    sender: 'ds.beta.test',
    recipient: overrides.recipient ?? 'ds.alpha.test',
    message_id: overrides.messageId ?? nextId,
    requester: overrides.requester ?? { user_name: 'carol', domain: 'beta.test' },
    request: { client_identifiers: clients },
  });
}

async function send(path: string, body: Uint8Array): Promise<{ status: number; bytes: Uint8Array }> {
  const response = await network.fetch(`https://ds.alpha.test${path}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, 'ds.beta.test');
  return { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) };
}

const errorOf = (bytes: Uint8Array) => {
  const decoded = decode(groupKeyPackageResponse, bytes).response_body;
  return decoded.response_type === 'error' ? decoded.error.code : 'ok';
};

describe('POST /group_key_packages', () => {
  it('hands out regular KeyPackages, then the last-resort one without consuming it', async () => {
    for (let i = 0; i < 4; i++) {
      const { status, bytes } = await send('/group_key_packages', await groupRequest([bob]));
      expect(status).toBe(200);
      const body = decode(groupKeyPackageResponse, bytes).response_body;
      if (body.response_type !== 'ok') throw new Error('refused');
      const [kp] = body.key_packages;
      const isLastResort = (kp?.value.extensions ?? []).some((e) => e.extensionType === 0xf0d3);
      expect(isLastResort).toBe(i >= 2);
    }
    expect(alpha.directory.remaining(bob, 'regular')).toBe(0);
  });

  it('is all or nothing: a client without KeyPackages fails the request and nothing is consumed', async () => {
    const { status, bytes } = await send('/group_key_packages', await groupRequest([bob, bobTablet]));
    expect([status, errorOf(bytes)]).toEqual([404, 'no_key_packages']);
    expect(alpha.directory.remaining(bob, 'regular')).toBe(2);
  });

  it('refuses another recipient first (forwarding), then a bad signature, and changes nothing', async () => {
    const forwarded = await send('/group_key_packages', await groupRequest([bob], { recipient: 'ds.gamma.test' }));
    expect([forwarded.status, errorOf(forwarded.bytes)]).toEqual([421, 'wrong_recipient']);
    const impostor = await generateSignatureKeys();
    const forged = await send('/group_key_packages', await groupRequest([bob], { signKey: impostor.signKey }));
    expect([forged.status, errorOf(forged.bytes)]).toEqual([403, 'invalid_signature']);
    expect(alpha.directory.remaining(bob, 'regular')).toBe(2);
  });

  it('refuses a requester who does not belong to the sending provider (profile §5: discovery of its domain must give the sender)', async () => {
    const onBehalfOfAlpha = await send('/group_key_packages', await groupRequest([bob], { requester: { user_name: 'mallory', domain: 'alpha.test' } }));
    expect([onBehalfOfAlpha.status, errorOf(onBehalfOfAlpha.bytes)]).toEqual([403, 'unauthorized']);
    const unknownDomain = await send('/group_key_packages', await groupRequest([bob], { requester: { user_name: 'mallory', domain: 'nowhere.test' } }));
    expect([unknownDomain.status, errorOf(unknownDomain.bytes)]).toEqual([403, 'unauthorized']);
    expect(alpha.directory.remaining(bob, 'regular')).toBe(2);
  });

  it('a repeat of the same request gets the same answer without consuming again; a reused id with other content is refused', async () => {
    const request = await groupRequest([bob], { messageId: 777n });
    const first = await send('/group_key_packages', request);
    const again = await send('/group_key_packages', request);
    expect(again).toEqual(first);
    expect(alpha.directory.remaining(bob, 'regular')).toBe(1);
    const reused = await send('/group_key_packages', await groupRequest([bob, bob], { messageId: 777n }));
    expect([reused.status, errorOf(reused.bytes)]).toEqual([409, 'duplicate_message_id']);
  });

  it('fetches the sender\'s verification key over GET /verification_key once and caches it', async () => {
    await send('/group_key_packages', await groupRequest([bob]));
    await send('/group_key_packages', await groupRequest([bob]));
    const keyFetches = network.trace.filter((e) => e.path === '/verification_key');
    expect(keyFetches.map((e) => [e.source, e.destination, e.method, e.status])).toEqual([['alpha.test', 'ds.beta.test', 'GET', 200]]);
  });
});

describe('POST /connection_key_packages', () => {
  it('one connection KeyPackage per client of the user: each a connection KeyPackage, each of another client of that user', async () => {
    // Every client also has regular or last-resort KeyPackages, so only the kind tells them apart (profile §12).
    alpha.directory.setLastResort(bobTablet, await stored(bobTablet, 'last-resort'));
    const body = await signedConnectionKeyPackageRequest(beta.signingKey.signKey, { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test', message_id: 1n, requester: { user_name: 'carol', domain: 'beta.test' }, request: { user_identifier: bob.user } });
    const { status, bytes } = await send('/connection_key_packages', body);
    expect(status).toBe(200);
    const decoded = decode(connectionKeyPackageResponse, bytes).response_body;
    if (decoded.response_type !== 'ok') throw new Error(`refused: ${decoded.error.code}`);
    const handedOut = decoded.key_packages.map((kp) => ({ owner: clientOfLeaf(kp.value.leafNode), connection: isConnectionKeyPackage(kp.value), lastResort: isLastResortKeyPackage(kp.value) }));
    expect(handedOut.sort((a, b) => (a.owner?.client_name ?? '').localeCompare(b.owner?.client_name ?? ''))).toEqual([
      { owner: bob, connection: true, lastResort: false },
      { owner: bobTablet, connection: true, lastResort: false },
    ]);
    expect([alpha.directory.remaining(bob, 'connection'), alpha.directory.remaining(bobTablet, 'connection'), alpha.directory.remaining(bob, 'regular')]).toEqual([0, 0, 2]);
    const unknown = await signedConnectionKeyPackageRequest(beta.signingKey.signKey, { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test', message_id: 2n, requester: { user_name: 'carol', domain: 'beta.test' }, request: { user_identifier: { user_name: 'nobody', domain: 'alpha.test' } } });
    const refused = await send('/connection_key_packages', unknown);
    expect(refused.status).toBe(404);
    expect(decode(connectionKeyPackageResponse, refused.bytes).response_body).toMatchObject({ response_type: 'error', error: { code: 'unknown_user' } });
  });
});
