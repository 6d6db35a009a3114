import { describe, expect, it } from 'vitest';
import { addProposal, commit, createKeyPackage, removeProposal, type Member } from '../../harness/mls/index.js';
import { createWorld, deliverCommit, identityFor } from '../helpers/mls-group.js';

describe('a group of 128 (larger sizes belong to benchmarks)', () => {
  it('the tracker follows adds of 127 members, an update and a removal of half of them', async () => {
    const world = await createWorld('alice');
    const keyPackages = await Promise.all(Array.from({ length: 127 }, async (_, i) => (await createKeyPackage(await identityFor(`m${i}`))).publicPackage));
    const alice = world.members.get('alice') as Member;
    const added = await commit(alice, keyPackages.map(addProposal));
    const result = await deliverCommit(world, 'alice', added);
    expect(result.summary.added).toHaveLength(127);
    const members = world.ds.ratchetTree.filter((n) => n?.nodeType === 'leaf').length;
    expect(members).toBe(128);
    const update = await commit(world.members.get('alice') as Member);
    await deliverCommit(world, 'alice', update);
    const removal = await commit(world.members.get('alice') as Member, Array.from({ length: 64 }, (_, i) => removeProposal(2 * i + 1)));
    const removed = await deliverCommit(world, 'alice', removal);
    expect(removed.summary.operation).toBe('remove_users');
    expect(world.ds.ratchetTree.filter((n) => n?.nodeType === 'leaf').length).toBe(64);
    // Only alice holds client state here; her view matches the tracker.
    const { encodeGroupContext } = await import('ts-mls/groupContext.js');
    expect(encodeGroupContext((world.members.get('alice') as Member).state.groupContext)).toEqual(encodeGroupContext(world.ds.groupContext));
  });
});
