import { beforeAll, describe, expect, it } from 'vitest';
import {
  addProposal,
  basicCredential,
  clientCredential,
  clientOfLeaf,
  commit,
  commitChangingCredential,
  createKeyPackage,
  fromWire,
  processCommit,
  removeProposal,
  resumptionPskProposal,
  unchangedExtensionsProposal,
  type Member,
} from '../../harness/mls/index.js';
import { addMembers, createWorld, expectDsRefusal, identityFor, memberOf, type World } from '../helpers/mls-group.js';

let world: World;
let alice: Member;

beforeAll(async () => {
  world = await createWorld('alice');
  await addMembers(world, 'alice', ['bob', 'carol']);
  alice = memberOf(world, 'alice');
});

const tablet = { user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'tablet' };

const pathLeafOf = (bytes: Uint8Array) => {
  const message = fromWire(bytes);
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'commit') throw new Error('not a PublicMessage commit');
  const leaf = message.publicMessage.content.commit.path?.leafNode;
  if (leaf === undefined) throw new Error('no UpdatePath');
  return leaf;
};

describe('commitChangingCredential: the changed credential is the commit\'s only flaw', () => {
  it('the UpdatePath leaf carries the new credential; the tracker refuses it, and takes it when told the credential may change', async () => {
    const out = await commitChangingCredential(alice, [removeProposal(1)], clientCredential(tablet));
    expect(clientOfLeaf(pathLeafOf(out.commit))).toEqual(tablet);
    await expectDsRefusal('invalid_commit', processCommit(world.ds, fromWire(out.commit), out.partialGroupInfo), world.ds);
    // Every signature (message, path leaf, PartialGroupInfo) verifies, so only the credential rule refused it.
    const lenient = await processCommit(world.ds, fromWire(out.commit), out.partialGroupInfo, { credentialMayChange: true });
    expect(lenient.summary.committerClient).toEqual(tablet);
    expect(lenient.summary.operation).toBe('remove_users');
  });

  it('a credential that is no ClientID is carried as given', async () => {
    const out = await commitChangingCredential(alice, [], basicCredential(new TextEncoder().encode('alice')));
    expect(clientOfLeaf(pathLeafOf(out.commit))).toBeNull();
    await expectDsRefusal('invalid_commit', processCommit(world.ds, fromWire(out.commit), out.partialGroupInfo), world.ds);
  });

  it('throws for proposals that give the commit no UpdatePath (an Add alone)', async () => {
    const dave = await createKeyPackage(await identityFor('dave'));
    await expect(commitChangingCredential(alice, [addProposal(dave.publicPackage)], clientCredential(tablet))).rejects.toThrow(/no UpdatePath/);
  });
});

describe('proposals other than Add and Remove, valid in RFC 9420', () => {
  it('a resumption PSK beside an Add: the tracker applies it, a mixed commit', async () => {
    const dave = await createKeyPackage(await identityFor('dave'));
    const out = await commit(alice, [addProposal(dave.publicPackage), await resumptionPskProposal(alice)]);
    const result = await processCommit(world.ds, fromWire(out.commit), out.partialGroupInfo);
    expect(result.summary.byValueTypes).toEqual(['add', 'psk']);
    expect(result.summary.operation).toBe('mixed');
  });

  it('an unchanged GroupContextExtensions needs an UpdatePath (RFC 9420 §12.4), which a Remove gives', async () => {
    const alone = await commit(alice, [unchangedExtensionsProposal(alice)]);
    await expectDsRefusal('invalid_commit', processCommit(world.ds, fromWire(alone.commit), alone.partialGroupInfo), world.ds);
    const withRemove = await commit(alice, [removeProposal(2), unchangedExtensionsProposal(alice)]);
    const result = await processCommit(world.ds, fromWire(withRemove.commit), withRemove.partialGroupInfo);
    expect(result.group.groupContext.extensions).toEqual(world.ds.groupContext.extensions);
    expect(result.summary.byValueTypes).toEqual(['remove', 'group_context_extensions']);
  });
});
