import { bench, describe } from 'vitest';
import {
  addProposal,
  bootstrapGroup,
  commit,
  createIdentity,
  createKeyPackage,
  createMimiGroup,
  fromWire,
  joinFromWelcome,
  processCommit,
  receive,
  type DsGroup,
  type Member,
} from '../harness/mls/index.js';
import { BENCH_SCALE } from './scale-points.js';

/** A group of `size` members: the creator, and one receiving member joined from the Welcome. */
async function groupOf(size: number): Promise<{ member: Member; receiver: Member; ds: DsGroup }> {
  const identity = await createIdentity({ user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' });
  const { member, groupInfo } = await createMimiGroup(identity, await createKeyPackage(identity), new Uint8Array([size & 0xff, size >> 8]), []);
  let ds = await bootstrapGroup(groupInfo, member.state.ratchetTree);
  const identities = await Promise.all(Array.from({ length: size - 1 }, (_, i) => createIdentity({ user: { user_name: `m${i}`, domain: 'alpha.test' }, client_name: 'd' })));
  const kps = await Promise.all(identities.map((id) => createKeyPackage(id)));
  const added = await commit(member, kps.map((kp) => addProposal(kp.publicPackage)));
  ds = (await processCommit(ds, fromWire(added.commit), added.partialGroupInfo)).group;
  if (added.welcome === undefined || identities[0] === undefined || kps[0] === undefined) throw new Error('no Welcome for the first added member');
  const receiver = await joinFromWelcome(identities[0], kps[0], added.welcome, added.member.state.ratchetTree);
  return { member: added.member, receiver, ds };
}

// DS draft "Group operations": the DS tracks every commit (tree, GroupContext, PartialGroupInfo) where
// each member processes it too (RFC 9420 §12.4.2); issue 13 §3 wants the DS's part ≤ 0.2× a member's at 512.
for (const size of BENCH_SCALE.groupSizes) {
  const { member, receiver, ds } = await groupOf(size);
  const update = await commit(member);
  describe(`commit at group size ${size}`, () => {
    bench('client: an update commit with its PartialGroupInfo', async () => {
      await commit(member);
    });
    bench('DS tracker: process that commit', async () => {
      await processCommit(ds, fromWire(update.commit), update.partialGroupInfo);
    });
    bench('receiving member: process that commit', async () => {
      await receive(receiver, update.commit);
    });
  });
}
