import { describe, expect, it } from 'vitest';
import { decode, opaqueV, struct, uint16, vectorV } from '../../harness/codec/index.js';
import { commit, createKeyPackage, joinFromWelcome, proposeAsDs, treeForJoiner, type Member } from '../../harness/mls/index.js';
import { createWorld, deliverCommit, expectAgreement, fanOut, identityFor, servedTree } from '../helpers/mls-group.js';

/** RFC 9420 §12.1.8.1 and §5.3, written out with the harness's own codec (independent of ts-mls). */
const externalSendersList = vectorV(struct('ExternalSender', { signature_key: opaqueV, credential: struct('Credential', { credential_type: uint16, identity: opaqueV }) }));

describe('the DS as an external sender', () => {
  it('the external_senders extension is the RFC list ExternalSender external_senders<V>', async () => {
    const world = await createWorld('alice');
    const extension = world.ds.groupContext.extensions.find((e) => e.extensionType === 'external_senders');
    const senders = decode(externalSendersList, extension?.extensionData ?? new Uint8Array(), { rootName: 'external_senders' });
    expect(senders).toHaveLength(1);
    expect(senders[0]?.credential.credential_type).toBe(1);
    expect(new TextDecoder().decode(senders[0]?.credential.identity)).toBe('ds.alpha.test');
    expect(Buffer.from(senders[0]?.signature_key ?? []).equals(Buffer.from(world.dsKeys.publicKey))).toBe(true);
  });

  it('a DS Add proposal is committed by reference and its Welcome admits the new client', async () => {
    const world = await createWorld('alice');
    const bob = await identityFor('bob', 'phone', 'beta.test');
    const bobKp = await createKeyPackage(bob);
    const proposal = await proposeAsDs(world.ds, { proposalType: 'add', add: { keyPackage: bobKp.publicPackage } }, world.dsKeys);
    world.ds = proposal.group;
    await fanOut(world, null, proposal.message);
    const byReference = await commit(world.members.get('alice') as Member);
    const result = await deliverCommit(world, 'alice', byReference);
    // Only a stored proposal, by reference, and no path: not an operation of its own (the rules apply to by-value proposals).
    expect(result.summary).toMatchObject({ operation: 'pending_proposals', byValueTypes: [], proposalTypes: ['add'] });
    const tree = treeForJoiner(world.ds, world.ds.groupContext.epoch, 1);
    if (tree === undefined || byReference.welcome === undefined) throw new Error('no Welcome for the DS-proposed client');
    world.members.set('bob', await joinFromWelcome(bob, bobKp, byReference.welcome, servedTree(tree)));
    expectAgreement(world);
  });
});
