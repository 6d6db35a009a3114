import { bench, describe } from 'vitest';
import { addProposal, bootstrapGroup, commit, createIdentity, createKeyPackage, createMimiGroup, fromWire, processCommit, type DsGroup, type Member } from '../harness/mls/index.js';

async function groupOf(size: number): Promise<{ member: Member; ds: DsGroup }> {
  const identity = await createIdentity({ user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' });
  const { member, groupInfo } = await createMimiGroup(identity, await createKeyPackage(identity), new Uint8Array([size]), []);
  let ds = await bootstrapGroup(groupInfo, member.state.ratchetTree);
  const kps = await Promise.all(Array.from({ length: size - 1 }, async (_, i) => (await createKeyPackage(await createIdentity({ user: { user_name: `m${i}`, domain: 'alpha.test' }, client_name: 'd' }))).publicPackage));
  const added = await commit(member, kps.map(addProposal));
  ds = (await processCommit(ds, fromWire(added.commit), added.partialGroupInfo)).group;
  return { member: added.member, ds };
}

for (const size of [16, 128]) {
  const { member, ds } = await groupOf(size);
  const update = await commit(member);
  describe(`group of ${size}`, () => {
    bench('client: an update commit with its PartialGroupInfo', async () => {
      await commit(member);
    });
    bench('DS tracker: process that commit', async () => {
      await processCommit(ds, fromWire(update.commit), update.partialGroupInfo);
    });
  });
}
