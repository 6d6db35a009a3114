import { describe, expect, it } from 'vitest';
import { encode } from '../../harness/codec/index.js';
import { mimiGroupId } from '../../harness/messages/index.js';
import {
  bootstrapGroup,
  commit,
  commitReinit,
  createGroupFromReinit,
  createKeyPackage,
  fromWire,
  joinFromReinit,
  processCommit,
  sendApplication,
  receive,
  treeForJoiner,
  type Member,
} from '../../harness/mls/index.js';
import { addMembers, createWorld, deliverCommit, expectAgreement, servedTree, type World } from '../helpers/mls-group.js';

describe('ReInit (RFC 9420 §11.2)', () => {
  it('suspends the old group on the DS and members, and the new group agrees with a new tracker', async () => {
    const world = await createWorld('alice');
    await addMembers(world, 'alice', ['bob']);
    const bob = world.identities.get('bob');
    if (bob === undefined) throw new Error('no bob');

    const newGroupId = encode(mimiGroupId, { ds_domain: 'ds.alpha.test', local_id: new Uint8Array(16).fill(2) });
    const reinit = await commitReinit(world.members.get('alice') as Member, newGroupId, world.ds.groupContext.extensions);
    const result = await deliverCommit(world, 'alice', reinit);
    expect(result.summary.operation).toBe('re_initialize_group');
    expect(world.ds.suspended).toBe(true);
    expectAgreement(world);
    for (const member of world.members.values()) expect(member.state.groupActiveState.kind).toBe('suspendedPendingReinit');
    // The old group takes no more commits.
    const late = await commit(world.members.get('bob') as Member).catch((error: unknown) => error);
    expect(late).toBeInstanceOf(Error);

    // The new group: alice creates it with bob's fresh KeyPackage and the resumption PSK.
    const aliceKp = await createKeyPackage(world.identities.get('alice') ?? bob);
    const bobNewKp = await createKeyPackage(bob);
    const { created, added: joined } = await createGroupFromReinit(world.members.get('alice') as Member, aliceKp, [bobNewKp.publicPackage]);
    let newDs = await bootstrapGroup(created.groupInfo, servedTree(created.member.state.ratchetTree));
    const next = await processCommit(newDs, fromWire(joined.commit), joined.partialGroupInfo);
    newDs = next.group;
    const newTree = treeForJoiner(newDs, newDs.groupContext.epoch, 1);
    if (newTree === undefined || joined.welcome === undefined) throw new Error('no join into the new group');
    const bobNew = await joinFromReinit(world.members.get('bob') as Member, bob, joined.welcome, bobNewKp, servedTree(newTree));
    const fresh: World = { ds: newDs, dsKeys: world.dsKeys, members: new Map([['alice', joined.member], ['bob', bobNew]]), identities: world.identities };
    expectAgreement(fresh);
    const hello = await sendApplication(joined.member, new TextEncoder().encode('hello new group'));
    const heard = await receive(bobNew, hello.message);
    expect(heard.kind === 'application' ? new TextDecoder().decode(heard.data) : '').toBe('hello new group');
  });
});
