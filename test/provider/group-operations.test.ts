import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decode, encode } from '../../harness/codec/index.js';
import { dsResponse, mimiGroupId, type ClientId, type DSRequest } from '../../harness/messages/index.js';
import { addProposal, commit, commitReinit, leafIndexOf, mimiGroupContextExtension, proposeSelfRemove, removeProposal, sendApplication, tamperPublicMessage, welcomeFor, type CommitOutput, type Member } from '../../harness/mls/index.js';
import { signedDsRequest, type StoredKeyPackage } from '../../harness/provider/index.js';
import { createVirtualClient, embedded, postDsRequest, RequestRefused, type VirtualClient } from '../../harness/scenario/index.js';
import { attempt, createDsWorld, expectRefused, groupUpdateOf, memberIn, type DsWorld } from '../helpers/ds-world.js';

let world: DsWorld;
beforeEach(async () => {
  world = await createDsWorld();
});
afterEach(async () => {
  await world.federation.dispose();
});

const memberOf = (c: VirtualClient): Member => memberIn(world, c);

/** KeyPackages fetched by alice's provider, as alice would. */
function keyPackages(clients: VirtualClient[], kind: 'group' | 'connection' = 'group'): Promise<StoredKeyPackage[]> {
  const { network } = world.federation;
  const alpha = world.federation.provider('alpha.test');
  const first = clients[0];
  if (first === undefined) throw new Error('no clients');
  return network.drive(network.run('alpha.test', () => (kind === 'group' ? alpha.requestGroupKeyPackages(world.alice.id.user, clients.map((c) => c.id)) : alpha.requestConnectionKeyPackages(world.alice.id.user, first.id.user))));
}

async function addRequest(kps: StoredKeyPackage[], welcomes?: (welcome: Uint8Array) => Promise<Uint8Array[]>) {
  const out = await commit(memberOf(world.alice), kps.map((kp) => addProposal(kp.value)));
  const welcome = out.welcome ?? new Uint8Array();
  const bytes = welcomes === undefined ? [await welcomeFor(welcome, kps.map((kp) => kp.value))] : await welcomes(welcome);
  return { out, request: { group_update: groupUpdateOf(out), welcome_messages: bytes.map(embedded) } };
}

describe('ds_add_users and ds_add_clients (DS draft "Add users", "Add clients")', () => {
  it('add_users refuses a client of a user already in the group', async () => {
    const { request } = await addRequest(await keyPackages([world.bobLaptop]));
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_add_users', add_users_request: request }), [422, 'invalid_commit']);
  });

  it('add_users refuses a connection KeyPackage outside a connection group', async () => {
    const { request } = await addRequest(await keyPackages([world.dave], 'connection'));
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_add_users', add_users_request: request }), [422, 'invalid_proposal']);
  });

  it('add_users needs exactly one Welcome per provider, covering exactly its added clients', async () => {
    const kps = await keyPackages([world.dave]);
    const none = await addRequest(kps, () => Promise.resolve([]));
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_add_users', add_users_request: none.request }), [422, 'invalid_message']);
    const twice = await addRequest(kps, async (w) => [await welcomeFor(w, [kps[0]?.value ?? never()]), await welcomeFor(w, [kps[0]?.value ?? never()])]);
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_add_users', add_users_request: twice.request }), [422, 'invalid_message']);
    const notWelcome = await addRequest(kps, (w) => Promise.resolve([w]));
    notWelcome.request.welcome_messages = [notWelcome.request.group_update.commit];
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_add_users', add_users_request: notWelcome.request }), [422, 'invalid_message']);
  });

  it('add_clients refuses a client of a user not in the group', async () => {
    const { request } = await addRequest(await keyPackages([world.dave]));
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_add_clients', add_clients_request: request }), [422, 'invalid_commit']);
  });
});

describe('removals (DS draft "Remove users", "Remove clients", "Delete group", "Self remove")', () => {
  it('remove_users must remove every client of a user', async () => {
    await world.bob.addClients(world.group, [world.bobLaptop.id]);
    await world.federation.settle();
    for (const c of world.everyone) await c.sync();
    const out = await commit(memberOf(world.alice), [removeProposal(leafIndexOf(memberOf(world.bob)))]);
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_remove_users', remove_users_request: { group_update: groupUpdateOf(out) } }), [422, 'invalid_commit']);
  });

  it('remove_clients may only remove other clients of the sender’s own user', async () => {
    const out = await commit(memberOf(world.alice), [removeProposal(leafIndexOf(memberOf(world.carol)))]);
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_remove_clients', remove_clients_request: { group_update: groupUpdateOf(out) } }), [422, 'invalid_commit']);
  });

  it('delete_group must remove everyone but the committer', async () => {
    const out = await commit(memberOf(world.alice), [removeProposal(leafIndexOf(memberOf(world.bob)))]);
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_delete_group', delete_group_request: { group_update: groupUpdateOf(out) } }), [422, 'invalid_commit']);
  });

  // Profile §14: a removal that leaves the committer alone is what its request type says (the
  // group is kept under ds_remove_clients, see removal-classes.test.ts), but never another class.
  it('removing one’s own last other client: ds_remove_users is the wrong class; ds_delete_group deletes', async () => {
    const aliceLaptop = await createVirtualClient(world.federation, { user: world.alice.id.user, client_name: 'laptop' });
    const own = await world.alice.createGroup();
    await world.alice.addClients(own, [aliceLaptop.id]);
    await world.federation.settle();
    await aliceLaptop.sync();
    const member = world.alice.member(own) ?? never();
    const out = await commit(member, [removeProposal(leafIndexOf(aliceLaptop.member(own) ?? never()))]);
    const request = (type: 'ds_remove_users' | 'ds_delete_group') => signedDsRequest(world.alice.identity.signatureKeyPair.signKey, type === 'ds_delete_group' ? { request_type: type, delete_group_request: { group_update: groupUpdateOf(out) } } : { request_type: type, remove_users_request: { group_update: groupUpdateOf(out) } }, leafIndexOf(member));
    await expect(postDsRequest(world.federation.network, 'alpha.test', 'ds.alpha.test', '/group_operation', await request('ds_remove_users'))).rejects.toMatchObject({ code: 'invalid_commit' });
    expect(world.federation.provider('alpha.test').group(own)).toBeDefined();
    await postDsRequest(world.federation.network, 'alpha.test', 'ds.alpha.test', '/group_operation', await request('ds_delete_group'));
    expect(world.federation.provider('alpha.test').group(own)).toBeUndefined();
  });

  it('ds_key_packages on /group_operation: another provider’s client, an unknown one, one without any', async () => {
    const noneLeft = await createVirtualClient(world.federation, { user: { user_name: 'frank', domain: 'alpha.test' }, client_name: 'phone' }, { keyPackages: 0, lastResort: false });
    const ask = (clientIds: ClientId[]) => attempt(world, world.alice, { request_type: 'ds_key_packages', key_packages_request: { client_identifiers: clientIds } }, { anonymous: true });
    expect(await ask([world.bob.id])).toEqual([421, 'wrong_recipient']);
    expect(await ask([{ user: world.alice.id.user, client_name: 'watch' }])).toEqual([404, 'unknown_client']);
    expect(await ask([noneLeft.id])).toEqual([404, 'no_key_packages']);
    expect(await ask([world.carol.id])).toEqual([200, 'ok']);
  });

  it('self_remove: a commit is not a self-remove, and the signature must be the proposer’s own leaf', async () => {
    const out = await commit(memberOf(world.bob));
    await expectRefused(world, () => attempt(world, world.bob, { request_type: 'ds_self_remove_client', self_remove_client_request: { proposal: embedded(out.commit) } }), [422, 'invalid_message']);
    const { proposal } = await proposeSelfRemove(memberOf(world.bob));
    await expectRefused(world, () => attempt(world, world.bob, { request_type: 'ds_self_remove_client', self_remove_client_request: { proposal: embedded(proposal) } }, { senderIndex: 0 }), [403, 'unauthorized']);
    // The same proposal turned into a Remove of alice, re-signed by bob: not a removal of its own sender.
    const bob = memberOf(world.bob);
    const aliceLeaf = leafIndexOf(memberOf(world.alice));
    const ofAlice = await tamperPublicMessage(proposal, (m) => (m.content.contentType === 'proposal' ? { ...m, content: { ...m.content, proposal: removeProposal(aliceLeaf) } } : m), bob.state.groupContext, world.bob.identity.signatureKeyPair.signKey);
    await expectRefused(world, () => attempt(world, world.bob, { request_type: 'ds_self_remove_client', self_remove_client_request: { proposal: embedded(ofAlice) } }), [422, 'invalid_proposal']);
  });

  it('a commit that leaves out a stored proposal is missing_proposal', async () => {
    await world.bob.selfRemove(world.group);
    await world.federation.settle();
    for (const c of world.everyone) c.provider.takeMessages(c.id); // alice never sees the proposal
    const out = await commit(memberOf(world.alice));
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } }), [422, 'missing_proposal']);
  });
});

describe('update, external join, ReInit', () => {
  it('update_client takes no proposal by value', async () => {
    const [kp] = await keyPackages([world.dave]);
    const out = await commit(memberOf(world.alice), [addProposal(kp?.value ?? never())]);
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } }), [422, 'invalid_commit']);
  });

  it('external_join: only clients of users already in the group; a member commit is not an external join', async () => {
    const alpha = world.federation.provider('alpha.test');
    const epoch = alpha.group(world.group)?.groupContext.epoch;
    await expect(world.dave.externalJoin(world.group)).rejects.toMatchObject({ status: 403, code: 'unauthorized' });
    expect(alpha.group(world.group)?.groupContext.epoch).toBe(epoch);
    const out = await commit(memberOf(world.alice));
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_external_join', external_join_request: { group_update: groupUpdateOf(out) } }, { anonymous: true }), [422, 'invalid_commit']);
  });

  it('re_initialize_group must name a new group of this DS; once accepted the group takes no more commits', async () => {
    const foreign = encode(mimiGroupId, { ds_domain: 'ds.beta.test', local_id: new Uint8Array([1, 2, 3]) });
    const extensions = [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' })];
    const elsewhere = await commitReinit(memberOf(world.alice), foreign, extensions);
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_re_initialize_group', re_initialize_group_request: { commit: groupUpdateOf(elsewhere) } }), [422, 'invalid_proposal']);
    const next = encode(mimiGroupId, { ds_domain: 'ds.alpha.test', local_id: new Uint8Array([7, 7, 7]) });
    const bobBefore = memberOf(world.bob);
    const reinit = await commitReinit(memberOf(world.alice), next, extensions);
    expect(await attempt(world, world.alice, { request_type: 'ds_re_initialize_group', re_initialize_group_request: { commit: groupUpdateOf(reinit) } })).toEqual([200, 'ok']);
    await world.federation.settle();
    for (const c of world.everyone) await c.sync();
    expect(world.federation.provider('alpha.test').group(world.group)?.suspended).toBe(true);
    // A handshake message after the ReInit (here a self-remove bob prepared before it) is refused.
    const { proposal } = await proposeSelfRemove(bobBefore);
    await expectRefused(world, () => attempt(world, world.bob, { request_type: 'ds_self_remove_client', self_remove_client_request: { proposal: embedded(proposal) } }, { senderIndex: leafIndexOf(bobBefore) }), [422, 'invalid_commit']);
  });
});

describe('send_message (DS draft "Send an application message")', () => {
  it('needs a PrivateMessage of the current epoch, signed by the member whose leaf sender_index names', async () => {
    const update = await commit(memberOf(world.alice));
    await expectRefused(world, () => attempt(world, world.alice, { request_type: 'ds_send_message', send_message_request: { application_message: embedded(update.commit) } }), [422, 'invalid_message']);
    const { message } = await sendApplication(memberOf(world.alice), new TextEncoder().encode('x'));
    const body = { request_type: 'ds_send_message', send_message_request: { application_message: embedded(message) } } as const;
    await expectRefused(world, () => attempt(world, world.alice, body, { senderIndex: leafIndexOf(memberOf(world.carol)) }), [403, 'invalid_signature']);
    await expectRefused(world, () => attempt(world, world.alice, body, { senderIndex: 40 }), [403, 'not_a_member']);
    await expectRefused(world, () => attempt(world, world.alice, body, { anonymous: true }), [403, 'unauthorized']);
    await world.carol.update(world.group); // the group moves on; alice's message is for the old epoch
    await world.federation.settle();
    for (const c of world.everyone) c.provider.takeMessages(c.id);
    await expectRefused(world, () => attempt(world, world.alice, body), [409, 'wrong_epoch']);
  });
});

describe('authentication, ownership and races (profile §6, §8)', () => {
  it('a commit needs the committer’s own signature', async () => {
    const out = await commit(memberOf(world.alice));
    const body = { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } } as const;
    await expectRefused(world, () => attempt(world, world.alice, body, { anonymous: true }), [403, 'unauthorized']);
    await expectRefused(world, () => attempt(world, world.alice, body, { senderIndex: leafIndexOf(memberOf(world.carol)) }), [403, 'unauthorized']);
    await expectRefused(world, () => attempt(world, world.alice, body, { signKey: world.carol.identity.signatureKeyPair.signKey }), [403, 'invalid_signature']);
  });

  it('a group of another DS is not_owner; a deleted group is unknown_group', async () => {
    const betaGroup = await world.bob.createGroup();
    const out = await commit(world.bob.member(betaGroup) ?? never());
    const misrouted = await postDsRequest(world.federation.network, 'beta.test', 'ds.alpha.test', '/group_operation', await signedUpdate(world.bob, out)).catch((e: unknown) => e);
    expect(misrouted).toMatchObject({ status: 421, code: 'not_owner' });
    await world.alice.deleteGroup(world.group);
    const stale = await commit(memberOf(world.carol));
    expect(await attempt(world, world.carol, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(stale) } })).toEqual([404, 'unknown_group']);
  });

  it('two commits for one epoch: exactly one wins, the other is wrong_epoch', async () => {
    const [a, c] = await Promise.all([commit(memberOf(world.alice)), commit(memberOf(world.carol))]);
    const results = await world.federation.network.drive(
      Promise.all([
        attempt(world, world.alice, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(a) } }),
        attempt(world, world.carol, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(c) } }),
      ]),
    );
    expect(results.map(([status]) => status).sort()).toEqual([200, 409]);
    expect(results.map(([, code]) => code).sort()).toEqual(['ok', 'wrong_epoch']);
  });

  it('a refused request surfaces as RequestRefused with the DS’s code', async () => {
    // dave (beta.test) has no client in the group: the DS serves the GroupInfo, then refuses his external commit (profile §8).
    const { network } = world.federation;
    const sent = network.trace.length;
    const error = await world.dave.externalJoin(world.group).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestRefused);
    expect(error).toMatchObject({ path: '/group_operation', status: 403, code: 'unauthorized' });
    // The request reached the DS, and the code is the one the DS answered.
    const answered = network.trace.slice(sent).filter((e) => e.destination === 'ds.alpha.test' && e.path === '/group_operation');
    expect(answered.map((e) => e.status)).toEqual([403]);
    const response = answered[0]?.response ?? never();
    expect(decode(dsResponse, response).response_body).toMatchObject({ response_type: 'error', error: { code: 'unauthorized' } });
  });
});

function never(): never {
  throw new Error('missing test value');
}

async function signedUpdate(client: VirtualClient, out: CommitOutput): Promise<DSRequest> {
  return signedDsRequest(client.identity.signatureKeyPair.signKey, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } }, 0);
}
