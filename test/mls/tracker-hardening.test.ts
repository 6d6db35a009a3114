import { beforeAll, describe, expect, it } from 'vitest';
import type { PublicMessage } from 'ts-mls';
import {
  bootstrapFromCreateGroup,
  commit,
  commitReinit,
  createKeyPackage,
  createMimiGroup,
  deserializeDsGroup,
  DsRefusal,
  externalJoin,
  fromWire,
  mimiGroupContextExtension,
  processCommit,
  processProposal,
  proposeAsDs,
  proposeSelfRemove,
  removeProposal,
  serializeDsGroup,
  tamperCommit,
  tamperPublicMessage,
  withPathLeaf,
  type DsGroup,
  type DsRefusalReason,
  type Member,
} from '../../harness/mls/index.js';
import { addMembers, createWorld, expectDsRefusal, identityFor, memberOf, servedTree, type World } from '../helpers/mls-group.js';

let world: World;
let alice: Member;
let bob: Member;
let carol: Member;

const refusedWith = (reason: DsRefusalReason, attempt: Promise<unknown>): Promise<void> => expectDsRefusal(reason, attempt);

beforeAll(async () => {
  world = await createWorld('alice');
  await addMembers(world, 'alice', ['bob', 'carol']);
  alice = memberOf(world, 'alice');
  bob = memberOf(world, 'bob');
  carol = memberOf(world, 'carol');
});

describe('standalone proposals are checked on arrival, so none can wedge the group', () => {
  it('a member may only propose its own removal', async () => {
    const own = await proposeSelfRemove(bob);
    const other = await tamperPublicMessage(own.proposal, (m) => ({ ...m, content: { ...m.content, proposal: removeProposal(0) } }) as PublicMessage, world.ds.groupContext, bob.identity.signatureKeyPair.signKey);
    await refusedWith('invalid_proposal', processProposal(world.ds, fromWire(other)));
    await expect(processProposal(world.ds, fromWire(own.proposal))).resolves.toBeDefined();
  });

  it('two removals of the same leaf are not both stored', async () => {
    const own = await proposeSelfRemove(bob);
    const stored = await processProposal(world.ds, fromWire(own.proposal));
    await refusedWith('invalid_proposal', proposeAsDs(stored, removeProposal(1), world.dsKeys));
  });

  it('the DS may not propose removing a blank leaf', async () => {
    await refusedWith('invalid_proposal', proposeAsDs(world.ds, removeProposal(9), world.dsKeys));
  });

  it('the tracker state with stored member and DS proposals survives serialization', async () => {
    const own = await proposeSelfRemove(bob);
    const withMember = await processProposal(world.ds, fromWire(own.proposal));
    const withDs = (await proposeAsDs(withMember, removeProposal(2), world.dsKeys)).group;
    const restored = deserializeDsGroup(serializeDsGroup(withDs));
    expect(Object.values(restored.unappliedProposals).map((p) => p.senderLeafIndex)).toEqual(Object.values(withDs.unappliedProposals).map((p) => p.senderLeafIndex));
    expect(serializeDsGroup(restored)).toEqual(serializeDsGroup(withDs));
  });
});

describe('commits that RFC 9420 or the profile forbid', () => {
  it('a GroupContextExtensions change of mimi_group_context is refused', async () => {
    const change = await commit(alice, [{ proposalType: 'group_context_extensions', groupContextExtensions: { extensions: [mimiGroupContextExtension({ protocol_version: 1, kind: 'connection' }), ...world.ds.groupContext.extensions.filter((e) => e.extensionType === 'external_senders')] } }]);
    await refusedWith('invalid_commit', processCommit(world.ds, fromWire(change.commit), change.partialGroupInfo));
  });

  it('a committer may not take another client\'s credential', async () => {
    const update = await commit(alice);
    const carolsLeaf = carol.state.ratchetTree[4];
    const impersonating = await tamperCommit(update.commit, withPathLeaf((leaf) => ({ ...leaf, credential: carolsLeaf?.nodeType === 'leaf' ? carolsLeaf.leaf.credential : leaf.credential })), world.ds.groupContext, alice.identity.signatureKeyPair.signKey);
    await refusedWith('invalid_commit', processCommit(world.ds, fromWire(impersonating), update.partialGroupInfo));
  });

  it('a custom proposal type no member supports is refused', async () => {
    const removal = await commit(alice, [removeProposal(2)]);
    const custom = await tamperCommit(removal.commit, (c) => ({ ...c, proposals: [...c.proposals, { proposalOrRefType: 'proposal', proposal: { proposalType: 0xf0aa, proposalData: new Uint8Array(2) } }] }), world.ds.groupContext, alice.identity.signatureKeyPair.signKey);
    await refusedWith('invalid_proposal', processCommit(world.ds, fromWire(custom), removal.partialGroupInfo));
  });

  it('an external commit with a malformed signature key is a refusal, not a crash', async () => {
    const dave = await identityFor('dave');
    const joined = await externalJoin(dave, await createKeyPackage(dave), world.ds.groupInfo, servedTree(world.ds.ratchetTree));
    const broken = await tamperCommit(joined.commit, withPathLeaf((leaf) => ({ ...leaf, signaturePublicKey: leaf.signaturePublicKey.slice(1) })));
    const error = await processCommit(world.ds, fromWire(broken), joined.partialGroupInfo).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(DsRefusal);
  });

  it('an external commit whose resync removes another client is refused', async () => {
    const aliceAgain = await externalJoin(alice.identity, await createKeyPackage(alice.identity), world.ds.groupInfo, servedTree(world.ds.ratchetTree), true);
    const hijack = await tamperCommit(aliceAgain.commit, (c) => ({ ...c, proposals: c.proposals.map((p) => (p.proposalOrRefType === 'proposal' && p.proposal.proposalType === 'remove' ? { ...p, proposal: removeProposal(1) } : p)) }), world.ds.groupContext, alice.identity.signatureKeyPair.signKey);
    await refusedWith('invalid_proposal', processCommit(world.ds, fromWire(hijack), aliceAgain.partialGroupInfo));
  });

  it('a commit that needs a path but has none is refused', async () => {
    const removal = await commit(alice, [removeProposal(2)]);
    const pathless = await tamperCommit(removal.commit, (c) => ({ proposals: c.proposals, path: undefined }), world.ds.groupContext, alice.identity.signatureKeyPair.signKey);
    await refusedWith('invalid_commit', processCommit(world.ds, fromWire(pathless), removal.partialGroupInfo));
  });

  it('a PartialGroupInfo without external_pub is refused (nobody could join from it)', async () => {
    const update = await commit(alice);
    const partial = { ...update.partialGroupInfo, group_info_extensions: update.partialGroupInfo.group_info_extensions.filter((e) => e.extension_type !== 4) };
    await refusedWith('invalid_group_info', processCommit(world.ds, fromWire(update.commit), partial));
  });

  it('after a ReInit the tracker itself refuses further handshake messages', async () => {
    let group: DsGroup = world.ds;
    const reinit = await commitReinit(alice, new Uint8Array([9, 9]), world.ds.groupContext.extensions);
    group = (await processCommit(group, fromWire(reinit.commit), reinit.partialGroupInfo)).group;
    expect(group.suspended).toBe(true);
    const proposal = await proposeSelfRemove(bob);
    await refusedWith('suspended', processProposal(group, fromWire(proposal.proposal)));
  });
});

describe('bootstrap from a CreateGroup request', () => {
  it('takes the creator\'s LeafNode and the GroupInfo at epoch 0', async () => {
    const erin = await identityFor('erin');
    const kp = await createKeyPackage(erin);
    const { groupInfo } = await createMimiGroup(erin, kp, new Uint8Array([7]), []);
    const group = await bootstrapFromCreateGroup(groupInfo, kp.publicPackage.leafNode);
    expect(group.groupContext.epoch).toBe(0n);
    await refusedWith('invalid_group_info', bootstrapFromCreateGroup({ ...groupInfo, groupContext: { ...groupInfo.groupContext, epoch: 3n } }, kp.publicPackage.leafNode));
    const other = await createKeyPackage(await identityFor('frank'));
    await refusedWith('invalid_group_info_signature', bootstrapFromCreateGroup(groupInfo, other.publicPackage.leafNode));
  });
});
