/**
 * Issue 9 §2 (interop with OpenMLS-based clients): what a harness client
 * needs to enter groups that Wire's core-crypto 10.3.0 creates or joins.
 * - A core-crypto group requires the credential types basic and x509 in a
 *   joiner's capabilities, so a harness KeyPackage must be able to list x509.
 * - core-crypto joins by external commit only from a GroupInfo that carries
 *   ratchet_tree, so a harness committer must be able to upload one, and the
 *   DS serves it as uploaded (profile §4).
 */
import { describe, expect, it } from 'vitest';
import type { GroupInfo, RatchetTree } from 'ts-mls';
import { decodeRatchetTree } from 'ts-mls/ratchetTree.js';
import { encode } from '../../harness/codec/index.js';
import { mimiGroupId } from '../../harness/messages/index.js';
import {
  bootstrapGroup,
  commit,
  createKeyPackage,
  createMimiGroup,
  dsCredential,
  externalSendersExtension,
  fromWire,
  groupInfoMessageOf,
  joinFromWelcome,
  keyPackageBytes,
  mlsSuite,
  processCommit,
  receive,
  sendApplication,
  toWireExtension,
  type DsGroup,
  type Member,
} from '../../harness/mls/index.js';
import { servedTree } from '../helpers/mls-group.js';
import { coreCryptoFailure, createCoreCryptoClient, loadCoreCrypto, wireClientName, wireShapedIdentity, type CommitBundle } from '../helpers/core-crypto.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);

function groupInfoOf(bundle: CommitBundle): GroupInfo {
  const message = fromWire(bundle.groupInfo.payload);
  if (message.wireformat !== 'mls_group_info') throw new Error(`the bundle's GroupInfo is a ${message.wireformat}`);
  return message.groupInfo;
}

function treeIn(groupInfo: GroupInfo): RatchetTree {
  const ext = groupInfo.extensions.find((e) => e.extensionType === 'ratchet_tree');
  const decoded = ext === undefined ? undefined : decodeRatchetTree(ext.extensionData, 0);
  if (decoded === undefined) throw new Error('no ratchet_tree in the GroupInfo');
  return decoded[0];
}

/**
 * The GroupInfo that /external_commit_information serves for `group` (the
 * endpoint embeds groupInfoMessageOf's MLSMessage), as core-crypto's
 * GroupInfo constructor takes it: without the MLSMessage header (version
 * mls10 = 0x0001, wire format mls_group_info = 0x0004).
 */
function servedGroupInfo(group: DsGroup): Uint8Array {
  const { bytes } = groupInfoMessageOf(group);
  expect(Buffer.from(bytes.subarray(0, 4)).toString('hex')).toBe('00010004');
  return bytes.subarray(4);
}

describe('entering core-crypto groups (@wireapp/core-crypto 10.3.0, OpenMLS)', () => {
  it('a harness KeyPackage listing basic and x509 is added to a group core-crypto created, and not without x509', async () => {
    const api = await loadCoreCrypto();
    const carl = await createCoreCryptoClient(api, wireClientName('wire.test'));
    const conversation = new api.ConversationId(text('a core-crypto group'));
    await carl.transaction((ctx) => ctx.createConversation(conversation, carl.credentialRef));
    const dave = await wireShapedIdentity(wireClientName('alpha.test'));

    const basicOnly = await createKeyPackage(dave);
    expect(basicOnly.publicPackage.leafNode.capabilities.credentials).toEqual(['basic']);
    expect(await coreCryptoFailure(() => carl.transaction((ctx) => ctx.addClientsToConversation(conversation, [new api.KeyPackage(keyPackageBytes(basicOnly))])))).toMatch(/Credentials are not acceptable/);
    expect(carl.sent).toHaveLength(0);

    const both = await createKeyPackage(dave, 'regular', { credentials: ['basic', 'x509'] });
    expect(both.publicPackage.leafNode.capabilities.credentials).toEqual(['basic', 'x509']);
    const bundle = await carl.commitOf((ctx) => ctx.addClientsToConversation(conversation, [new api.KeyPackage(keyPackageBytes(both))]));
    const welcome = bundle.welcome;
    if (welcome === undefined) throw new Error('no Welcome');
    const member = await joinFromWelcome(dave, both, welcome.serialize(), treeIn(groupInfoOf(bundle)));
    expect(await carl.core.conversationEpoch(conversation)).toBe(member.state.groupContext.epoch);
    const got = await receive(member, await carl.transaction((ctx) => ctx.encryptMessage(conversation, text('hello dave'))));
    if (got.kind !== 'application') throw new Error(`dave got a ${got.kind}`);
    expect(new TextDecoder().decode(got.data)).toBe('hello dave');
  });

  it('core-crypto joins by external commit from the GroupInfo the DS serves after a harness commit with ratchetTreeInGroupInfo, and not without it', async () => {
    const api = await loadCoreCrypto();
    const cs = await mlsSuite();
    const dsKeys = await cs.signature.keygen();
    const aliceId = await wireShapedIdentity(wireClientName('alpha.test'));
    const groupId = encode(mimiGroupId, { ds_domain: 'ds.alpha.test', local_id: new Uint8Array(16).fill(9) });
    const created = await createMimiGroup(aliceId, await createKeyPackage(aliceId), groupId, [externalSendersExtension([{ signaturePublicKey: dsKeys.publicKey, credential: dsCredential('ds.alpha.test') }])]);
    let alice: Member = created.member;
    let ds = await bootstrapGroup(created.groupInfo, servedTree(alice.state.ratchetTree));
    const step = async (options: { ratchetTreeInGroupInfo?: boolean }) => {
      const out = await commit(alice, [], options);
      ds = (await processCommit(ds, fromWire(out.commit), out.partialGroupInfo)).group;
      alice = out.member;
    };

    const erin = await createCoreCryptoClient(api, wireClientName('wire.test'));
    await step({});
    expect(await coreCryptoFailure(() => erin.transaction((ctx) => ctx.joinByExternalCommit(new api.GroupInfo(servedGroupInfo(ds)), erin.credentialRef)))).toMatch(/No ratchet tree available/);

    await step({ ratchetTreeInGroupInfo: true });
    expect(ds.groupInfo.extensions.map((e) => e.extensionType)).toContain('ratchet_tree');
    const frank = await createCoreCryptoClient(api, wireClientName('wire.test'));
    const bundle = await frank.commitOf(async (ctx) => {
      await ctx.joinByExternalCommit(new api.GroupInfo(servedGroupInfo(ds)), frank.credentialRef);
    });
    const joinerInfo = groupInfoOf(bundle);
    const result = await processCommit(ds, fromWire(bundle.commit), { group_info_extensions: joinerInfo.extensions.map(toWireExtension), signature: joinerInfo.signature });
    expect(result.summary.operation).toBe('external_join');
    ds = result.group;
    const processed = await receive(alice, bundle.commit);
    alice = processed.member;
    expect(alice.state.groupContext.epoch).toBe(ds.groupContext.epoch);
    const conversation = new api.ConversationId(groupId);
    expect(await frank.core.conversationEpoch(conversation)).toBe(ds.groupContext.epoch);
    const hello = await sendApplication(alice, text('hello frank'));
    const decrypted = await frank.transaction((ctx) => ctx.decryptMessage(conversation, hello.message));
    expect(api.DecryptedMessage.Text.instanceOf(decrypted) ? new TextDecoder().decode(decrypted.inner.plaintext) : decrypted.tag).toBe('hello frank');
  });

  it('the DS refuses a PartialGroupInfo whose ratchet_tree is not the group’s tree', async () => {
    const cs = await mlsSuite();
    const dsKeys = await cs.signature.keygen();
    const aliceId = await wireShapedIdentity(wireClientName('alpha.test'));
    const groupId = encode(mimiGroupId, { ds_domain: 'ds.alpha.test', local_id: new Uint8Array(16).fill(10) });
    const created = await createMimiGroup(aliceId, await createKeyPackage(aliceId), groupId, [externalSendersExtension([{ signaturePublicKey: dsKeys.publicKey, credential: dsCredential('ds.alpha.test') }])]);
    const ds = await bootstrapGroup(created.groupInfo, servedTree(created.member.state.ratchetTree));
    const out = await commit(created.member, [], { ratchetTreeInGroupInfo: true });
    const stale = out.partialGroupInfo.group_info_extensions.map((e) => (e.extension_type === 0x0002 ? { ...e, extension_data: e.extension_data.map((b, i) => (i === e.extension_data.length - 1 ? b ^ 1 : b)) } : e));
    await expect(processCommit(ds, fromWire(out.commit), { ...out.partialGroupInfo, group_info_extensions: stale })).rejects.toMatchObject({ reason: 'invalid_group_info' });
    await expect(processCommit(ds, fromWire(out.commit), out.partialGroupInfo)).resolves.toBeDefined();
  });
});
