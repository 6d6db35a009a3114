import { describe, expect, it } from 'vitest';
import { carriedProposals, commit, createKeyPackage, externalJoin, fromWire, processCommit, proposeAsDs, removeProposal, leafIndexOf } from '../../harness/mls/index.js';
import { addMembers, createWorld, identityFor, memberOf, servedTree } from '../helpers/mls-group.js';

/** Profile §14: what the DS proposes again after an external commit discarded the stored proposals (RFC 9420 §12.4.3.2). */
describe('carriedProposals', () => {
  it('an external commit discards every stored proposal; a DS Add is carried unless its client is now a member', async () => {
    const world = await createWorld('alice');
    await addMembers(world, 'alice', ['bob']);
    const dave = await identityFor('dave', 'phone', 'beta.test');
    const add = await proposeAsDs(world.ds, { proposalType: 'add', add: { keyPackage: (await createKeyPackage(dave)).publicPackage } }, world.dsKeys);
    const remove = await proposeAsDs(add.group, removeProposal(leafIndexOf(memberOf(world, 'bob'))), world.dsKeys);
    const before = remove.group;
    const join = async (identity: typeof dave) => {
      const out = await externalJoin(identity, await createKeyPackage(identity), before.groupInfo, servedTree(before.ratchetTree));
      return processCommit(before, fromWire(out.commit), out.partialGroupInfo);
    };
    const byTablet = await join(await identityFor('alice', 'tablet'));
    expect(byTablet.discarded.map((p) => p.proposalType)).toEqual(['add', 'remove']);
    expect(byTablet.group.unappliedProposals).toEqual({});
    expect(carriedProposals(before, byTablet.group, byTablet.discarded).map((p) => p.proposalType)).toEqual(['add', 'remove']);
    // dave joined by himself: the DS's Add of him is moot.
    const byDave = await join(dave);
    expect(carriedProposals(before, byDave.group, byDave.discarded).map((p) => p.proposalType)).toEqual(['remove']);
  });

  it('a member commit discards nothing', async () => {
    const world = await createWorld('alice');
    await addMembers(world, 'alice', ['bob']);
    const out = await commit(memberOf(world, 'alice'));
    expect((await processCommit(world.ds, fromWire(out.commit), out.partialGroupInfo)).discarded).toEqual([]);
  });
});
