import { describe, expect, it } from 'vitest';
import {
  addProposal,
  commit,
  createKeyPackage,
  deserializeDsGroup,
  externalJoin,
  joinFromWelcome,
  leafIndexOf,
  markJoined,
  proposeAsDs,
  proposeSelfRemove,
  readExternalSenders,
  removeProposal,
  sendApplication,
  serializeDsGroup,
  treeForJoiner,
  receive,
} from '../../harness/mls/index.js';
import { createWorld, deliverCommit, deliverProposal, expectAgreement, fanOut, identityFor, servedTree } from '../helpers/mls-group.js';

const text = (s: string) => new TextEncoder().encode(s);

describe('virtual clients and the DS tracker agree byte for byte across a group\'s life', () => {
  it('create, add, update, remove, external join, self-remove, DS remove, resync, messages', async () => {
    const world = await createWorld('alice');
    expectAgreement(world);

    // RFC 9420 §12.1.8.1: external_senders is a list.
    const extension = world.ds.groupContext.extensions.find((e) => e.extensionType === 'external_senders');
    expect(readExternalSenders(extension?.extensionData ?? new Uint8Array())).toHaveLength(1);

    // Alice adds bob and carol; they join from the Welcome with the tree the DS keeps for joiners.
    const bob = await identityFor('bob');
    const carol = await identityFor('carol');
    const bobKp = await createKeyPackage(bob);
    const carolKp = await createKeyPackage(carol);
    const alice = world.members.get('alice');
    if (alice === undefined) throw new Error('no alice');
    const added = await commit(alice, [addProposal(bobKp.publicPackage), addProposal(carolKp.publicPackage)]);
    const addResult = await deliverCommit(world, 'alice', added);
    expect(addResult.summary.operation).toBe('add_users');
    expect(addResult.summary.added.map((a) => a.client?.user.user_name)).toEqual(['bob', 'carol']);
    const epoch = world.ds.groupContext.epoch;
    for (const [name, identity, kp, leaf] of [['bob', bob, bobKp, 1], ['carol', carol, carolKp, 2]] as const) {
      const tree = treeForJoiner(world.ds, epoch, leaf);
      if (tree === undefined || added.welcome === undefined) throw new Error('no tree for joiner');
      world.members.set(name, await joinFromWelcome(identity, kp, added.welcome, servedTree(tree)));
      world.ds = markJoined(world.ds, leaf);
    }
    expect(world.ds.pendingJoins).toHaveLength(0);
    expectAgreement(world);

    // Bob updates (a commit with a path only).
    const update = await commit(world.members.get('bob') ?? alice);
    expect((await deliverCommit(world, 'bob', update)).summary.operation).toBe('update_client');
    expectAgreement(world);

    // Application messages flow (PrivateMessage).
    const hello = await sendApplication(world.members.get('alice') ?? alice, text('hello'));
    world.members.set('alice', hello.member);
    const bobReceived = await receive(world.members.get('bob') ?? alice, hello.message);
    expect(bobReceived.kind === 'application' ? new TextDecoder().decode(bobReceived.data) : '').toBe('hello');
    world.members.set('bob', bobReceived.member);
    const carolReceived = await receive(world.members.get('carol') ?? alice, hello.message);
    world.members.set('carol', carolReceived.member);

    // Alice removes carol.
    const removal = await commit(world.members.get('alice') ?? alice, [removeProposal(2)]);
    expect((await deliverCommit(world, 'alice', removal)).summary.operation).toBe('remove_users');
    world.members.delete('carol');
    expectAgreement(world);

    // A second device of alice joins by external commit, from the DS's GroupInfo and tree.
    const tablet = await identityFor('alice', 'tablet');
    const joined = await externalJoin(tablet, await createKeyPackage(tablet), world.ds.groupInfo, servedTree(world.ds.ratchetTree));
    const joinResult = await deliverCommit(world, 'alice-tablet', joined);
    expect(joinResult.summary.operation).toBe('external_join');
    expectAgreement(world);

    // Bob self-removes; the DS stores the proposal; alice commits it by reference.
    const leaving = await proposeSelfRemove(world.members.get('bob') ?? alice);
    world.members.set('bob', leaving.member);
    await deliverProposal(world, 'bob', leaving.proposal);
    const byReference = await commit(world.members.get('alice') ?? alice);
    await deliverCommit(world, 'alice', byReference);
    expect(world.members.has('bob')).toBe(false);
    expectAgreement(world);

    // Dave, of another provider, joins.
    const dave = await identityFor('dave', 'laptop', 'beta.test');
    const daveKp = await createKeyPackage(dave);
    const addDave = await commit(world.members.get('alice') ?? alice, [addProposal(daveKp.publicPackage)]);
    await deliverCommit(world, 'alice', addDave);
    const daveLeaf = world.ds.pendingJoins[0]?.joiners[0] ?? -1;
    const daveTree = treeForJoiner(world.ds, world.ds.groupContext.epoch, daveLeaf);
    if (daveTree === undefined || addDave.welcome === undefined) throw new Error('no tree for dave');
    world.members.set('dave', await joinFromWelcome(dave, daveKp, addDave.welcome, servedTree(daveTree)));
    expectAgreement(world);
    // The DS proposes removing alice's tablet as an external sender; alice commits it by reference.
    const tabletLeaf = leafIndexOf(world.members.get('alice-tablet') ?? alice);
    const dsProposal = await proposeAsDs(world.ds, removeProposal(tabletLeaf), world.dsKeys);
    world.ds = dsProposal.group;
    await fanOut(world, null, dsProposal.message);
    const dsRemove = await commit(world.members.get('alice') ?? alice);
    // Committing a stored proposal by reference with a path is an update (DS draft: stored proposals are allowed by reference).
    expect((await deliverCommit(world, 'alice', dsRemove)).summary).toMatchObject({ operation: 'update_client', proposalTypes: ['remove'] });
    expect(world.members.has('alice-tablet')).toBe(false);
    expectAgreement(world);

    // Alice loses her state and resyncs by external commit.
    const aliceIdentity = world.identities.get('alice');
    if (aliceIdentity === undefined) throw new Error('no alice identity');
    world.members.delete('alice');
    const resync = await externalJoin(aliceIdentity, await createKeyPackage(aliceIdentity), world.ds.groupInfo, servedTree(world.ds.ratchetTree), true);
    const resyncResult = await deliverCommit(world, 'alice', resync);
    expect(resyncResult.summary).toMatchObject({ operation: 'external_join', resync: true });
    expectAgreement(world);

    // The tracker survives a restart.
    expect(serializeDsGroup(deserializeDsGroup(serializeDsGroup(world.ds)))).toEqual(serializeDsGroup(world.ds));
  });
});
