import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode, encode, keyPackage, leafNode } from '../../harness/codec/index.js';
import { connectionKeyPackageResponse, dsFanoutRequestTbs, dsRequest, FANOUT_SIGNATURE_LABELS, groupKeyPackageResponse, queueingServiceRequest, queueingServiceResponse, type DSRequestBody } from '../../harness/messages/index.js';
import {
  addProposal,
  createIdentity,
  createKeyPackage,
  createMimiGroup,
  dsCredential,
  externalJoin,
  externalSendersExtension,
  groupInfoIn,
  keyPackageBytes,
  leafIndexOf,
  leafNodeBytes,
  mimiGroupContextExtension,
  commit,
  commitReinit,
  sendApplication,
  signWithLabel,
  toWire,
  treeFromNodes,
  welcomeFor,
  type Member,
} from '../../harness/mls/index.js';
import { PeerRefusal, signedDsRequest } from '../../harness/provider/index.js';
import { createVirtualClient, embedded, postDsRequest, type VirtualClient } from '../../harness/scenario/index.js';
import { attempt, createDsWorld, expectRefused, groupUpdateOf, memberIn, type DsWorld, settleWorld } from '../helpers/ds-world.js';

let world: DsWorld;
beforeEach(async () => {
  world = await createDsWorld(21);
});
afterEach(async () => {
  await world.federation.dispose();
});

const memberOf = (c: VirtualClient): Member => memberIn(world, c);
const settleAll = () => settleWorld(world);

describe('a ClientID names one client (profile §12)', () => {
  it('an anonymous external join as an existing member is refused, and the real member keeps receiving', async () => {
    const impostor = await createIdentity(world.bob.id);
    const info = await postDsRequest(world.federation.network, 'beta.test', 'ds.alpha.test', '/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: world.group } }, authentication_data: { auth_type: 'anonymous' } });
    if (info.response_type !== 'external_commit_info') throw new Error('no commit info');
    const out = await externalJoin(impostor, await createKeyPackage(impostor), groupInfoIn(info.group_info.value) ?? never(), treeFromNodes(info.ratchet_tree));
    const body: DSRequestBody = { request_type: 'ds_external_join', external_join_request: { group_update: { commit: embedded(out.commit), partial_group_info: out.partialGroupInfo } } };
    await expectRefused(world, () => attempt(world, world.dave, body, { anonymous: true }), [422, 'invalid_commit']);
    await world.alice.send(world.group, 'still yours');
    await settleAll();
    expect(world.bob.received.map((r) => r.text)).toEqual(['still yours']);
  });

  it('an Add of a second leaf with a member’s ClientID is refused', async () => {
    const impostor = await createIdentity(world.carol.id);
    const kp = await createKeyPackage(impostor);
    const out = await commit(memberOf(world.alice), [addProposal(kp.publicPackage)]);
    const welcome = await welcomeFor(out.welcome ?? never(), [kp.publicPackage]);
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_add_clients', add_clients_request: { group_update: groupUpdateOf(out), welcome_messages: [embedded(welcome)] } }), [422, 'invalid_commit']);
  });
});

describe('crash and restart in the middle of a request (issue 5 §4: a refused request stores nothing)', () => {
  it('a KeyPackage request under way when its provider restarts consumes nothing; the retry gets one', async () => {
    const { network } = world.federation;
    const alpha = world.federation.provider('alpha.test');
    const beta = world.federation.provider('beta.test');
    await alpha.rotateVerificationKey(); // beta must fetch alpha's key again, slowly
    network.setLinkFaults('beta.test', 'ds.alpha.test', { latency: { minMs: 1000, maxMs: 1000 } });
    const before = beta.directory.remaining(world.dave.id, 'regular');
    const first = network.run('alpha.test', () => alpha.requestGroupKeyPackages(world.alice.id.user, [world.dave.id])).then(
      () => 'answered',
      (error: unknown) => (error instanceof Error ? error.message : String(error)),
    );
    // Until beta's handler is waiting for alpha's new key.
    const waiting = () => network.trace.some((e) => e.source === 'beta.test' && e.path === '/verification_key' && e.status === null);
    for (let i = 0; i < 100 && !waiting(); i++) await network.advance(10);
    expect(waiting()).toBe(true);
    network.restart('beta.test');
    expect(await network.drive(first)).not.toBe('answered');
    await network.advance(5_000); // the handler of the old process finishes, and must not consume
    expect(beta.directory.remaining(world.dave.id, 'regular')).toBe(before);
    await network.drive(network.run('alpha.test', () => alpha.requestGroupKeyPackages(world.alice.id.user, [world.dave.id])));
    expect(beta.directory.remaining(world.dave.id, 'regular')).toBe(before - 1);
  });
});

describe('group ids (profile §2, §14)', () => {
  async function createRequest(groupId: Uint8Array, client: VirtualClient) {
    const kp = await createKeyPackage(client.identity);
    const extensions = [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' }), externalSendersExtension([{ signaturePublicKey: world.federation.provider('alpha.test').verificationKey, credential: dsCredential('ds.alpha.test') }])];
    const { groupInfo } = await createMimiGroup(client.identity, kp, groupId, extensions);
    const body: DSRequestBody = { request_type: 'ds_create_group', create_group_request: { group_id: groupId, leaf_node: decode(leafNode, leafNodeBytes(kp)), group_info: embedded(toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo })) } };
    return signedDsRequest(client.identity.signatureKeyPair.signKey, body, 0);
  }
  const create = async (groupId: Uint8Array, client: VirtualClient) => {
    const request = await createRequest(groupId, client);
    const response = await world.federation.network.fetch('https://ds.alpha.test/group_operation', { method: 'POST', body: encode(dsRequest, request), headers: { 'content-type': 'application/octet-stream' } }, client.provider.domain);
    await response.arrayBuffer();
    return response.status;
  };
  const freshId = async () => {
    const body = await postDsRequest(world.federation.network, 'alpha.test', 'ds.alpha.test', '/group_operation', { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: { auth_type: 'anonymous' } });
    return body.response_type === 'group_id' ? body.group_id : never();
  };

  it('two creators racing for one id: one wins, the other is group_id_in_use', async () => {
    const id = await freshId();
    const statuses = await world.federation.network.drive(Promise.all([create(id, world.alice), create(id, world.carol)]));
    expect(statuses.sort()).toEqual([200, 409]);
  });

  it('the id an accepted ReInit names is kept for its committer', async () => {
    const next = await freshId();
    const reinit = await commitReinit(memberOf(world.alice), next, [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' })]);
    expect(await attempt(world, world.alice, { request_type: 'ds_re_initialize_group', re_initialize_group_request: { commit: groupUpdateOf(reinit) } })).toEqual([200, 'ok']);
    expect(await create(next, world.carol)).toBe(409);
    expect(await create(next, world.alice)).toBe(200);
  });

  it('the reservation is for the committer’s key, not just its ClientID', async () => {
    const next = await freshId();
    const reinit = await commitReinit(memberOf(world.alice), next, [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' })]);
    expect(await attempt(world, world.alice, { request_type: 'ds_re_initialize_group', re_initialize_group_request: { commit: groupUpdateOf(reinit) } })).toEqual([200, 'ok']);
    const impostor = await createVirtualClient(world.federation, { user: { user_name: 'mallory', domain: 'beta.test' }, client_name: 'phone' });
    const forged = { ...impostor, identity: await createIdentity(world.alice.id) } as VirtualClient; // alice's ClientID, another key
    expect(await create(next, forged)).toBe(409);
  });

  it('a ReInit whose new group has no mimi_group_context is refused', async () => {
    const lower = await commitReinit(memberOf(world.alice), await freshId(), []);
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_re_initialize_group', re_initialize_group_request: { commit: groupUpdateOf(lower) } }), [422, 'invalid_proposal']);
  });

  it('a deleted group’s id is never used again', async () => {
    await world.alice.deleteGroup(world.group);
    expect(await create(world.group, world.alice)).toBe(409);
  });
});

describe('authentication before budgets, and replays of application messages', () => {
  it('a replayed SendMessage is answered ok and not fanned out again', async () => {
    const { message } = await sendApplication(memberOf(world.alice), new TextEncoder().encode('once'));
    const request = await signedDsRequest(world.alice.identity.signatureKeyPair.signKey, { request_type: 'ds_send_message', send_message_request: { application_message: embedded(message) } }, leafIndexOf(memberOf(world.alice)));
    for (let i = 0; i < 3; i++) await postDsRequest(world.federation.network, 'beta.test', 'ds.alpha.test', '/group_operation', request);
    await settleAll();
    expect(world.bob.received.map((r) => r.text)).toEqual(['once']);
    expect(world.bob.failures).toEqual([]);
  });
});

describe('the QS takes only what a DS fans out (profile §5)', () => {
  it('a GroupInfo or KeyPackage offered for delivery is invalid_message', async () => {
    const beta = world.federation.provider('beta.test');
    const alpha = world.federation.provider('alpha.test');
    const info = alpha.group(world.group) ?? never();
    const offered = {
      GroupInfo: toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo: info.groupInfo }),
      KeyPackage: toWire({ version: 'mls10', wireformat: 'mls_key_package', keyPackage: (await createKeyPackage(await createIdentity(world.dave.id))).publicPackage }),
    };
    const answers: Record<string, [number, string]> = {};
    let messageId = 990n;
    for (const [name, bytes] of Object.entries(offered)) {
      // Signed by the owning DS for beta, to a client of beta: only the wire format is wrong.
      const fields = { protocol_version: 1 as const, sender: 'ds.alpha.test', recipient: 'ds.beta.test', message_id: (messageId += 1n), recipient_ids: [world.bob.id], mls_message: embedded(bytes) };
      const signature = await signWithLabel(alpha.signingKey.signKey, FANOUT_SIGNATURE_LABELS.deliver_message, encode(dsFanoutRequestTbs, fields));
      const body = encode(queueingServiceRequest, { request_type: 'deliver_message', fanout_request: { ...fields, signature } });
      const response = await world.federation.network.fetch('https://ds.beta.test/deliver_message', { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, 'alpha.test');
      const answer = decode(queueingServiceResponse, new Uint8Array(await response.arrayBuffer())).response_body;
      answers[name] = [response.status, answer.response_type === 'error' ? answer.error.code : 'ok'];
    }
    expect(answers).toEqual({ GroupInfo: [422, 'invalid_message'], KeyPackage: [422, 'invalid_message'] });
    expect(beta.takeMessages(world.bob.id)).toEqual([]);
  });
});

describe('the KeyPackage client checks the answer (profile §5)', () => {
  it('two connection KeyPackages of one client are a bad answer', async () => {
    const stranger = await createIdentity(world.dave.id);
    const kp = decode(keyPackage, keyPackageBytes(await createKeyPackage(stranger, 'connection')));
    const beta = world.federation.provider('beta.test');
    beta.use(http.post('https://ds.beta.test/connection_key_packages', () => new HttpResponse(encode(connectionKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages: [kp, kp] } }), { headers: { 'content-type': 'application/octet-stream' } })));
    const { network } = world.federation;
    const alpha = world.federation.provider('alpha.test');
    const error = await network.drive(network.run('alpha.test', () => alpha.requestConnectionKeyPackages(world.alice.id.user, world.dave.id.user))).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: 'bad_answer' });
  });

  it('KeyPackages of another client than the one asked for are a bad answer', async () => {
    const stranger = await createIdentity({ user: { user_name: 'erin', domain: 'beta.test' }, client_name: 'phone' });
    const kp = decode(keyPackage, keyPackageBytes(await createKeyPackage(stranger)));
    const beta = world.federation.provider('beta.test');
    beta.use(http.post('https://ds.beta.test/group_key_packages', () => new HttpResponse(encode(groupKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages: [kp] } }), { headers: { 'content-type': 'application/octet-stream' } })));
    const { network } = world.federation;
    const alpha = world.federation.provider('alpha.test');
    const error = await network.drive(network.run('alpha.test', () => alpha.requestGroupKeyPackages(world.alice.id.user, [world.dave.id]))).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PeerRefusal);
    expect(error).toMatchObject({ peer: 'ds.beta.test', code: 'bad_answer' });
  });
});

describe('the outbox’s answers (profile §14)', () => {
  it('an entry signed before a key rotation is signed again, so a guest that lost the old key still takes it', async () => {
    const { network } = world.federation;
    network.partition(['alpha.test'], ['beta.test']);
    await world.alice.send(world.group, 'signed with the old key');
    await network.advance(1_000); // the first attempt prepared and signed the entry
    await world.federation.provider('alpha.test').rotateVerificationKey();
    network.restart('beta.test'); // beta forgets alpha's old key
    network.heal();
    await settleAll();
    expect(world.bob.received.map((r) => r.text)).toEqual(['signed with the old key']);
    expect(world.federation.provider('alpha.test').outbox.store.refused).toEqual([]);
  });

  it('503 and 429 are retried until they pass; a final 400 or a redirect is given up and recorded', async () => {
    const beta = world.federation.provider('beta.test');
    const alpha = world.federation.provider('alpha.test');
    let failures = 2;
    beta.use(http.post('https://ds.beta.test/deliver_message', () => (failures-- > 0 ? new HttpResponse(null, { status: failures === 1 ? 503 : 429 }) : undefined)));
    await world.alice.send(world.group, 'after two failures');
    await settleAll();
    expect(world.bob.received.map((r) => r.text)).toEqual(['after two failures']);
    beta.resetHandlers();
    beta.use(http.post('https://ds.beta.test/deliver_message', () => new HttpResponse(null, { status: 400 })));
    await world.alice.send(world.group, 'refused for good');
    await world.federation.settle();
    beta.resetHandlers();
    beta.use(http.post('https://ds.beta.test/deliver_message', () => new HttpResponse(null, { status: 302, headers: { location: 'https://elsewhere.test/' } })));
    await world.alice.send(world.group, 'redirected');
    await world.federation.settle();
    expect(alpha.outbox.store.refused.map((r) => r.status)).toEqual([400, 302]);
    expect(alpha.outbox.pending()).toBe(0);
  });
});

function never(): never {
  throw new Error('missing test value');
}
