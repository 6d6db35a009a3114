import { describe, expect, it } from 'vitest';
import { commit, epochOf, proposeSelfRemove, receive, removeProposal, tamperPublicMessage, leafIndexOf } from '../../harness/mls/index.js';
import { addMembers, createWorld, deliverCommit, deliverProposal, expectAgreement, memberOf } from '../helpers/mls-group.js';

/** Flips one bit of the FramedContent signature: the DS and the other members refuse these bytes. */
const flipSignature = (bytes: Uint8Array) => tamperPublicMessage(bytes, (m) => ({ ...m, auth: { ...m.auth, signature: m.auth.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) } }));

/** Issue 9 §2: a member decides that it was removed only after the commit verified (RFC 9420 §6.1, §12.4.2). */
describe('a removal a member cannot verify is refused', () => {
  it('a commit naming bob as removed by value, with a flipped signature byte: bob refuses it, keeps the group and processes the next valid commit', async () => {
    const world = await createWorld('alice');
    await addMembers(world, 'alice', ['bob', 'carol']);
    const bob = memberOf(world, 'bob');
    const removal = await commit(memberOf(world, 'alice'), [removeProposal(leafIndexOf(bob))]);
    const forged = await flipSignature(removal.commit);
    await expect(receive(bob, forged)).rejects.toThrow();
    await expect(receive(memberOf(world, 'carol'), forged)).rejects.toThrow();
    // Bob is still in the group: the next valid commit moves him to the next epoch with everyone else.
    const update = await commit(memberOf(world, 'alice'));
    await deliverCommit(world, 'alice', update);
    expect(world.members.has('bob')).toBe(true);
    expect(epochOf(memberOf(world, 'bob'))).toBe(world.ds.groupContext.epoch);
    expectAgreement(world);
  });

  it('a forged commit of bob\'s stored self-remove by reference is refused by bob too', async () => {
    const world = await createWorld('alice');
    await addMembers(world, 'alice', ['bob', 'carol']);
    const { member, proposal } = await proposeSelfRemove(memberOf(world, 'bob'));
    world.members.set('bob', member);
    await deliverProposal(world, 'bob', proposal);
    const byReference = await commit(memberOf(world, 'carol'));
    const forged = await flipSignature(byReference.commit);
    await expect(receive(memberOf(world, 'bob'), forged)).rejects.toThrow();
    // The valid commit of the same proposal removes bob.
    const valid = await receive(memberOf(world, 'bob'), byReference.commit);
    expect(valid).toMatchObject({ kind: 'handshake', removed: true });
  });

  it('a forged removal of another epoch or group, or by a blank leaf, is refused', async () => {
    const world = await createWorld('alice');
    await addMembers(world, 'alice', ['bob', 'carol']);
    const bob = memberOf(world, 'bob');
    const removal = await commit(memberOf(world, 'alice'), [removeProposal(leafIndexOf(bob))]);
    const stale = await tamperPublicMessage(removal.commit, (m) => ({ ...m, content: { ...m.content, epoch: m.content.epoch + 1n } }));
    const other = await tamperPublicMessage(removal.commit, (m) => ({ ...m, content: { ...m.content, groupId: new Uint8Array([1, 2, 3]) } }));
    const ghost = await tamperPublicMessage(removal.commit, (m) => ({ ...m, content: { ...m.content, sender: { senderType: 'member', leafIndex: 9 } } }));
    for (const bytes of [stale, other, ghost]) await expect(receive(bob, bytes)).rejects.toThrow();
    const valid = await receive(bob, removal.commit);
    expect(valid).toMatchObject({ kind: 'handshake', removed: true });
  });
});
