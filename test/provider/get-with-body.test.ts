import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode, encode } from '../../harness/codec/index.js';
import { dsRequest, dsResponse } from '../../harness/messages/index.js';
import { signedDsRequest, UNKNOWN_LEAF } from '../../harness/provider/index.js';
import { createFederation, createVirtualClient, type Federation, type VirtualClient } from '../../harness/scenario/index.js';
import type { Network } from '../../harness/network/index.js';
import { clientOf } from '../helpers/ds-world.js';
import { getWithBody } from '../helpers/network.js';

// The transport draft's own form of the two joining-information requests: GET with a body.
// `fetch` cannot send it (DESIGN.md); `https.request` can, with Content-Length, and the network
// hands the bytes to the provider.

let federation: Federation;
let network: Network;
let alice: VirtualClient;
let bob: VirtualClient;
let group: Uint8Array;
beforeAll(async () => {
  federation = await createFederation({ seed: 41, transport: 'tls', providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }] });
  network = federation.network;
  alice = await createVirtualClient(federation, clientOf('alice', 'alpha.test'));
  bob = await createVirtualClient(federation, clientOf('bob', 'beta.test'));
  group = await alice.createGroup();
  await alice.addUsers(group, [bob.id]); // bob has not fetched his tree yet
});
afterAll(async () => {
  await federation.dispose();
});

async function both(path: string, body: Uint8Array): Promise<{ get: { status: number; bytes: Uint8Array }; post: { status: number; bytes: Uint8Array } }> {
  const get = await network.drive(network.run('beta.test', () => getWithBody(`https://ds.alpha.test${path}`, body)));
  const response = await network.fetch(`https://ds.alpha.test${path}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, 'beta.test');
  return { get, post: { status: response.status, bytes: new Uint8Array(await response.arrayBuffer()) } };
}

describe('GET with a body over real TLS (transport draft; profile §4)', () => {
  it('/external_commit_information answers the GET form exactly as the POST form', async () => {
    const body = encode(dsRequest, { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: group } }, authentication_data: { auth_type: 'anonymous' } });
    const { get, post } = await both('/external_commit_information', body);
    expect(get.status).toBe(200);
    expect(decode(dsResponse, get.bytes).response_body.response_type).toBe('external_commit_info');
    expect(Buffer.from(get.bytes).toString('hex')).toBe(Buffer.from(post.bytes).toString('hex'));
    const traced = network.trace.filter((e) => e.path === '/external_commit_information').map((e) => [e.method, e.request.length, e.status, e.tls?.protocol]);
    expect(traced).toEqual([
      ['GET', body.length, 200, 'TLSv1.3'],
      ['POST', body.length, 200, 'TLSv1.3'],
    ]);
  });

  it('/welcome_information answers the joiner’s signed GET with the tree, and a GET body that is not the joiner’s is refused', async () => {
    const request = await signedDsRequest(bob.identity.signatureKeyPair.signKey, { request_type: 'ds_welcome_info', welcome_info_request: { group_id: group, epoch: 1n } }, UNKNOWN_LEAF);
    const { get, post } = await both('/welcome_information', encode(dsRequest, request));
    expect(get.status).toBe(200);
    const answer = decode(dsResponse, get.bytes).response_body;
    expect(answer.response_type).toBe('welcome_info');
    expect(Buffer.from(get.bytes).toString('hex')).toBe(Buffer.from(post.bytes).toString('hex'));
    // The body really is what the DS judged: the same GET signed by someone else is refused.
    const forged = await signedDsRequest(alice.identity.signatureKeyPair.signKey, { request_type: 'ds_welcome_info', welcome_info_request: { group_id: group, epoch: 1n } }, UNKNOWN_LEAF);
    const refused = await network.drive(network.run('beta.test', () => getWithBody('https://ds.alpha.test/welcome_information', encode(dsRequest, forged))));
    expect(refused.status).toBe(403);
    const error = decode(dsResponse, refused.bytes).response_body;
    expect(error.response_type === 'error' ? error.error.code : error.response_type).toBe('invalid_signature');
  });
});
