import { beforeAll, describe, expect, it } from 'vitest';
import type { PublicMessage } from 'ts-mls';
import {
  bootstrapGroup,
  commit,
  deserializeDsGroup,
  fromWire,
  processCommit,
  processProposal,
  proposeSelfRemove,
  receive,
  removeProposal,
  sendApplication,
  serializeDsGroup,
  tamperCommit,
  tamperPublicMessage,
  type CommitOutput,
  type CommitResult,
  type DsGroup,
  type DsRefusalReason,
  type Member,
} from '../../harness/mls/index.js';
import { encodeGroupContext } from 'ts-mls/groupContext.js';
import { addMembers, createWorld, expectDsRefusal, memberOf, servedTree, type World } from '../helpers/mls-group.js';

let world: World;
let alice: Member;
let bob: Member;

/** Everything the DS keeps of a group, as bytes: its durable form plus the live GroupContext and confirmation tag (which the durable form derives from the GroupInfo). */
const held = (group: DsGroup): string => Buffer.concat([serializeDsGroup(group), encodeGroupContext(group.groupContext), group.confirmationTag]).toString('hex');

type Valid = Pick<CommitOutput, 'commit' | 'partialGroupInfo'>;

/**
 * Every refusal must leave the DS's group as it was. The attempt runs as the
 * DS runs it: what the tracker returns becomes the group the DS keeps, a
 * refusal keeps the old one. Afterwards (DESIGN.md "Refused and changed
 * nothing"): the kept group is byte-identical, and the next valid commit for
 * the same epoch is accepted and leads to exactly the group it leads to from
 * an untouched copy of the state before the refusal.
 */
async function expectRefusal(reason: DsRefusalReason, attempt: (group: DsGroup) => Promise<CommitResult | DsGroup>, options: { readonly group?: DsGroup; readonly next?: () => Promise<Valid> } = {}): Promise<void> {
  let kept = options.group ?? world.ds;
  const before = held(kept);
  const untouched = deserializeDsGroup(serializeDsGroup(kept));
  await expectDsRefusal(
    reason,
    (async () => {
      const result = await attempt(kept);
      kept = 'summary' in result ? result.group : result;
    })(),
  );
  expect(held(kept)).toBe(before);
  const valid = await (options.next ?? (() => commit(alice)))();
  const afterRefusal = await processCommit(kept, fromWire(valid.commit), valid.partialGroupInfo);
  const fromUntouched = await processCommit(untouched, fromWire(valid.commit), valid.partialGroupInfo);
  expect(afterRefusal.group.groupContext.epoch).toBe(untouched.groupContext.epoch + 1n);
  expect(held(afterRefusal.group)).toBe(held(fromUntouched.group));
}

beforeAll(async () => {
  world = await createWorld('alice');
  await addMembers(world, 'alice', ['bob']);
  alice = memberOf(world, 'alice');
  bob = memberOf(world, 'bob');
});

const edit = (bytes: Uint8Array, change: (m: PublicMessage) => PublicMessage, signKey?: Uint8Array) => tamperPublicMessage(bytes, change, world.ds.groupContext, signKey);

describe('the DS tracker refuses, with a typed reason, and the group the DS keeps is unchanged: the next valid commit applies as if nothing happened', () => {
  it('wrong_epoch: a commit for another epoch', async () => {
    const update = await commit(alice);
    const stale = await edit(update.commit, (m) => ({ ...m, content: { ...m.content, epoch: m.content.epoch - 1n } }), alice.identity.signatureKeyPair.signKey);
    await expectRefusal('wrong_epoch', (group) => processCommit(group, fromWire(stale), update.partialGroupInfo));
  });

  it('unknown_group: a commit for another group', async () => {
    const update = await commit(alice);
    const other = await edit(update.commit, (m) => ({ ...m, content: { ...m.content, groupId: new Uint8Array([1, 2, 3]) } }), alice.identity.signatureKeyPair.signKey);
    await expectRefusal('unknown_group', (group) => processCommit(group, fromWire(other), update.partialGroupInfo));
  });

  it('bad_signature: a commit whose signature does not verify', async () => {
    const update = await commit(alice);
    const forged = await edit(update.commit, (m) => ({ ...m, auth: { ...m.auth, signature: m.auth.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) } }));
    await expectRefusal('bad_signature', (group) => processCommit(group, fromWire(forged), update.partialGroupInfo));
  });

  it('bad_signature: a commit signed by another member than its sender', async () => {
    const update = await commit(alice);
    const impostor = await edit(update.commit, (m) => m, bob.identity.signatureKeyPair.signKey);
    await expectRefusal('bad_signature', (group) => processCommit(group, fromWire(impostor), update.partialGroupInfo));
  });

  it('not_a_member: a commit from a blank leaf', async () => {
    const update = await commit(alice);
    const ghost = await edit(update.commit, (m) => ({ ...m, content: { ...m.content, sender: { senderType: 'member', leafIndex: 7 } } }), alice.identity.signatureKeyPair.signKey);
    await expectRefusal('not_a_member', (group) => processCommit(group, fromWire(ghost), update.partialGroupInfo));
  });

  it('invalid_proposal: a commit removing a blank leaf (re-signed, so only the proposal is wrong)', async () => {
    const removal = await commit(alice, [removeProposal(1)]);
    const blank = await tamperCommit(removal.commit, (c) => ({ ...c, proposals: [{ proposalOrRefType: 'proposal', proposal: removeProposal(5) }] }), world.ds.groupContext, alice.identity.signatureKeyPair.signKey);
    await expectRefusal('invalid_proposal', (group) => processCommit(group, fromWire(blank), removal.partialGroupInfo));
  });

  it('unknown_proposal_reference: a commit referencing a proposal the DS never received', async () => {
    const leaving = await proposeSelfRemove(bob);
    const aliceGotIt = await receive(alice, leaving.proposal);
    const byReference = await commit(aliceGotIt.member);
    await expectRefusal('unknown_proposal_reference', (group) => processCommit(group, fromWire(byReference.commit), byReference.partialGroupInfo));
  });

  it('missing_proposal: a commit that leaves out a stored proposal', async () => {
    const leaving = await proposeSelfRemove(bob);
    const stored = await processProposal(world.ds, fromWire(leaving.proposal));
    const update = await commit(alice);
    const aliceGotIt = await receive(alice, leaving.proposal);
    await expectRefusal('missing_proposal', (group) => processCommit(group, fromWire(update.commit), update.partialGroupInfo), { group: stored, next: () => commit(aliceGotIt.member) });
  });

  it('invalid_commit: an application message offered as a commit', async () => {
    const { message } = await sendApplication(alice, new Uint8Array([1]));
    const update = await commit(alice);
    await expectRefusal('invalid_commit', (group) => processCommit(group, fromWire(message), update.partialGroupInfo));
  });

  it('invalid_group_info_signature: a PartialGroupInfo whose signature is not the committer\'s', async () => {
    const update = await commit(alice);
    const partial = { ...update.partialGroupInfo, signature: update.partialGroupInfo.signature.map((b, i) => (i === 3 ? b ^ 0x80 : b)) };
    await expectRefusal('invalid_group_info_signature', (group) => processCommit(group, fromWire(update.commit), partial));
  });

  it('invalid_proposal: a standalone proposal that is not a proposal', async () => {
    const update = await commit(alice);
    await expectRefusal('invalid_proposal', (group) => processProposal(group, fromWire(update.commit)));
  });

  it('invalid_group_info: bootstrapping with a tree that is not the GroupInfo\'s', async () => {
    await expect(bootstrapGroup(world.ds.groupInfo, servedTree(world.ds.ratchetTree).slice(0, 1))).rejects.toMatchObject({ reason: 'invalid_group_info' });
  });

  it('a race: two commits for the same epoch; the first wins, the second is refused, the loser recovers', async () => {
    const fromAlice = await commit(alice);
    const fromBob = await commit(bob);
    const accepted = await processCommit(world.ds, fromWire(fromAlice.commit), fromAlice.partialGroupInfo);
    await expect(processCommit(accepted.group, fromWire(fromBob.commit), fromBob.partialGroupInfo)).rejects.toMatchObject({ reason: 'wrong_epoch' });
    // Bob drops his own commit (his old state is still a value) and processes alice's.
    const recovered = await receive(bob, fromAlice.commit);
    expect(recovered.member.state.groupContext.epoch).toBe(accepted.group.groupContext.epoch);
    const again = await commit(recovered.member);
    const next = await processCommit(accepted.group, fromWire(again.commit), again.partialGroupInfo);
    expect(next.group.groupContext.epoch).toBe(accepted.group.groupContext.epoch + 1n);
  });
});
