/**
 * Cross-check against an independent MLS implementation: Wire's
 * core-crypto 10.3.0 (OpenMLS), WASM build. The ts-mls side and the DS side
 * are the harness's own (harness/mls); core-crypto is driven through its
 * public API and its messages are taken from its MlsTransport.
 *
 * Interop groups carry only `external_senders` (no mimi_group_context:
 * core-crypto's KeyPackages list no custom extensions in their
 * capabilities), and the ts-mls members use Wire-shaped identities
 * (`<uuid>:<hex-device>@<domain>`), without which core-crypto does not
 * decrypt their application messages.
 */
import { describe, expect, it } from 'vitest';
import type { GroupInfo, KeyPackage } from 'ts-mls';
import { encodeGroupContext } from 'ts-mls/groupContext.js';
import { decodeKeyPackage, verifyKeyPackage } from 'ts-mls/keyPackage.js';
import { encodeRatchetTree } from 'ts-mls/ratchetTree.js';
import {
  addProposal,
  bootstrapGroup,
  commit,
  createKeyPackage,
  createMimiGroup,
  dsCredential,
  epochOf,
  externalSendersExtension,
  fromWire,
  joinFromWelcome,
  leafIndexOf,
  markJoined,
  mlsSuite,
  processCommit,
  proposeAsDs,
  receive,
  removeProposal,
  sendApplication,
  toWireExtension,
  treeForJoiner,
  type ClientIdentity,
  type DsGroup,
  type Member,
} from '../../harness/mls/index.js';
import type { PartialGroupInfo } from '../../harness/messages/index.js';
import { encode } from '../../harness/codec/index.js';
import { mimiGroupId } from '../../harness/messages/index.js';
import { servedTree } from '../helpers/mls-group.js';
import {
  createCoreCryptoClient,
  loadCoreCrypto,
  wireClientName,
  wireIdentityString,
  wireShapedIdentity,
  type CommitBundle,
  type CoreCryptoApi,
  type CoreCryptoClient,
} from '../helpers/core-crypto.js';

const text = (s: string): Uint8Array => new TextEncoder().encode(s);
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');

/** The signed GroupInfo in a CommitBundle (an MLSMessage carrying the full ratchet tree and external_pub). */
function groupInfoOf(bundle: CommitBundle): GroupInfo {
  const message = fromWire(bundle.groupInfo.payload);
  if (message.wireformat !== 'mls_group_info') throw new Error(`the bundle's GroupInfo is a ${message.wireformat}`);
  return message.groupInfo;
}

/** What core-crypto would upload to a MIMI DS: the GroupInfo's extensions and signature. */
function partialOf(groupInfo: GroupInfo): PartialGroupInfo {
  return { group_info_extensions: groupInfo.extensions.map(toWireExtension), signature: groupInfo.signature };
}

function ratchetTreeExtensionOf(groupInfo: GroupInfo): Uint8Array {
  const ext = groupInfo.extensions.find((e) => e.extensionType === 'ratchet_tree');
  if (ext === undefined) throw new Error('no ratchet_tree in the GroupInfo');
  return ext.extensionData;
}

function decodeCcKeyPackage(bytes: Uint8Array): KeyPackage {
  const decoded = decodeKeyPackage(bytes, 0);
  if (decoded === undefined) throw new Error('core-crypto KeyPackage does not decode');
  expect(decoded[1]).toBe(bytes.length);
  return decoded[0];
}

describe('interop with @wireapp/core-crypto 10.3.0 (OpenMLS, WASM)', () => {
  const originalFetch = globalThis.fetch;
  let api: CoreCryptoApi;
  let bob: CoreCryptoClient; // core-crypto
  let alice: Member; // ts-mls, creator
  let carol: Member; // ts-mls, removed by the DS at the end
  let ds: DsGroup;
  let dsKeys: { publicKey: Uint8Array; signKey: Uint8Array };
  let conversation: InstanceType<CoreCryptoApi['ConversationId']>;

  /** core-crypto, the DS tracker and every ts-mls member agree on epoch, GroupContext and tree. */
  async function expectSameGroup(ccGroupInfo: GroupInfo, members: Member[]): Promise<void> {
    const epoch = await bob.core.conversationEpoch(conversation);
    expect(ds.groupContext.epoch).toBe(epoch);
    expect(ccGroupInfo.groupContext.epoch).toBe(epoch);
    expect(hex(encodeGroupContext(ds.groupContext))).toBe(hex(encodeGroupContext(ccGroupInfo.groupContext)));
    expect(hex(encodeRatchetTree(ds.ratchetTree))).toBe(hex(ratchetTreeExtensionOf(ccGroupInfo)));
    expect(hex(ds.confirmationTag)).toBe(hex(ccGroupInfo.confirmationTag));
    for (const member of members) {
      expect(epochOf(member)).toBe(epoch);
      expect(hex(encodeGroupContext(member.state.groupContext))).toBe(hex(encodeGroupContext(ds.groupContext)));
      expect(hex(encodeRatchetTree(member.state.ratchetTree))).toBe(hex(encodeRatchetTree(ds.ratchetTree)));
    }
  }

  it('loads the WASM build without leaving window or a patched fetch behind', async () => {
    // Loaded in a test, not in a hook, so a load failure is a failed test (never a skip); the later tests then fail too.
    api = await loadCoreCrypto();
    bob = await createCoreCryptoClient(api, wireClientName('wire.test'));
    expect(api.version()).toBe('10.3.0');
    expect('window' in globalThis).toBe(false);
    expect(globalThis.fetch).toBe(originalFetch);
  });

  it('its KeyPackages are accepted by our client (Add by value) and by the DS tracker; it joins our group with the DS in external_senders from our Welcome', async () => {
    const cs = await mlsSuite();
    dsKeys = await cs.signature.keygen();
    const aliceName = wireClientName('alpha.test');
    const carolName = wireClientName('alpha.test');
    const aliceId = await wireShapedIdentity(aliceName);
    const carolId = await wireShapedIdentity(carolName);
    const groupId = encode(mimiGroupId, { ds_domain: 'ds.alpha.test', local_id: new Uint8Array(16).fill(7) });
    const created = await createMimiGroup(aliceId, await createKeyPackage(aliceId), groupId, [
      externalSendersExtension([{ signaturePublicKey: dsKeys.publicKey, credential: dsCredential('ds.alpha.test') }]),
    ]);
    alice = created.member;
    ds = await bootstrapGroup(created.groupInfo, servedTree(alice.state.ratchetTree));

    // 1. core-crypto's KeyPackage: a bare TLS KeyPackage that ts-mls decodes and verifies.
    const bobKp = decodeCcKeyPackage(await bob.keyPackage());
    expect(await verifyKeyPackage(bobKp, cs.signature)).toBe(true);
    const carolKp = await createKeyPackage(carolId);

    const added = await commit(alice, [addProposal(bobKp), addProposal(carolKp.publicPackage)], { ratchetTreeInWelcome: true });
    const result = await processCommit(ds, fromWire(added.commit), added.partialGroupInfo);
    ds = result.group;
    alice = added.member;
    expect(result.summary.proposalTypes).toEqual(['add', 'add']);
    expect(result.summary.added.map((a) => a.leaf)).toEqual([1, 2]);
    const welcome = added.welcome;
    if (welcome === undefined) throw new Error('no Welcome');

    // 2. core-crypto joins from our Welcome (ratchet tree inside it).
    const joined = await bob.transaction((ctx) => ctx.processWelcomeMessage(new api.Welcome(welcome)));
    conversation = new api.ConversationId(groupId);
    expect(hex(joined.copyBytes())).toBe(hex(groupId));
    expect(await bob.core.conversationEpoch(conversation)).toBe(ds.groupContext.epoch);
    expect(hex((await bob.core.getExternalSender(conversation)).serialize())).toBe(hex(dsKeys.publicKey));
    const ids = (await bob.core.getClientIds(conversation)).map((id) => new TextDecoder().decode(id.copyBytes())).sort();
    expect(ids).toEqual([aliceName, carolName, bob.name].map(wireIdentityString).sort());

    // The ts-mls joiner takes the tree the DS keeps for it.
    const tree = treeForJoiner(ds, ds.groupContext.epoch, 2);
    if (tree === undefined) throw new Error('no tree for carol');
    carol = await joinFromWelcome(carolId, carolKp, welcome, servedTree(tree));
    ds = markJoined(markJoined(ds, 1), 2);
  });

  it('application messages flow both ways', async () => {
    const fromAlice = await sendApplication(alice, text('hi from ts-mls'));
    alice = fromAlice.member;
    const decrypted = await bob.transaction((ctx) => ctx.decryptMessage(conversation, fromAlice.message));
    if (!api.DecryptedMessage.Text.instanceOf(decrypted)) throw new Error(`core-crypto decrypted a ${decrypted.tag}, not a Text`);
    expect(new TextDecoder().decode(decrypted.inner.plaintext)).toBe('hi from ts-mls');
    expect(hex(decrypted.inner.senderClientId.copyBytes())).toBe(hex(basicIdentity(alice.identity)));

    const fromBob = await bob.transaction((ctx) => ctx.encryptMessage(conversation, text('hi from core-crypto')));
    for (const name of ['alice', 'carol'] as const) {
      const received = await receive(name === 'alice' ? alice : carol, fromBob);
      if (received.kind !== 'application') throw new Error(`${name} got a ${received.kind} message`);
      expect(new TextDecoder().decode(received.data)).toBe('hi from core-crypto');
      if (name === 'alice') alice = received.member;
      else carol = received.member;
    }
  });

  it('its update commit, processed by the DS tracker with the PartialGroupInfo from its GroupInfo, gives its epoch and tree; our members process it too', async () => {
    const epochBefore = ds.groupContext.epoch;
    const bundle = await bob.commitOf((ctx) => ctx.updateKeyingMaterial(conversation));
    expect(bundle.welcome).toBeUndefined();
    const ccGroupInfo = groupInfoOf(bundle);
    const partial = partialOf(ccGroupInfo);
    // The DS really checks core-crypto's GroupInfo signature over the epoch it computed itself.
    const forged = { ...partial, signature: partial.signature.map((b, i) => (i === 0 ? b ^ 1 : b)) };
    await expect(processCommit(ds, fromWire(bundle.commit), forged)).rejects.toMatchObject({ reason: 'invalid_group_info_signature' });
    const result = await processCommit(ds, fromWire(bundle.commit), partial);
    ds = result.group;
    expect(result.summary.operation).toBe('update_client');
    expect(result.summary.committer).toBe(1);
    expect(ds.groupContext.epoch).toBe(epochBefore + 1n);
    alice = (await receive(alice, bundle.commit)).member;
    carol = (await receive(carol, bundle.commit)).member;
    await expectSameGroup(ccGroupInfo, [alice, carol]);
  });

  it('a DS external Remove proposal is accepted by core-crypto, which commits it by reference; the DS tracker and our members process that commit', async () => {
    const carolLeaf = leafIndexOf(carol);
    const proposed = await proposeAsDs(ds, removeProposal(carolLeaf), dsKeys);
    ds = proposed.group;
    const seen = await bob.transaction((ctx) => ctx.decryptMessage(conversation, proposed.message));
    expect(api.DecryptedMessage.Proposal.instanceOf(seen), `core-crypto saw a ${seen.tag}`).toBe(true);
    alice = (await receive(alice, proposed.message)).member;
    carol = (await receive(carol, proposed.message)).member;

    const bundle = await bob.commitOf((ctx) => ctx.commitPendingProposals(conversation));
    const ccGroupInfo = groupInfoOf(bundle);
    const commitMessage = fromWire(bundle.commit);
    if (commitMessage.wireformat !== 'mls_public_message' || commitMessage.publicMessage.content.contentType !== 'commit') throw new Error('not a PublicMessage commit');
    expect(commitMessage.publicMessage.content.commit.proposals.map((p) => p.proposalOrRefType)).toEqual(['reference']);

    const result = await processCommit(ds, commitMessage, partialOf(ccGroupInfo));
    ds = result.group;
    expect(result.summary.proposalTypes).toEqual(['remove']);
    expect(result.summary.removed.map((r) => r.leaf)).toEqual([carolLeaf]);
    expect(result.summary.committer).toBe(1);

    const aliceGot = await receive(alice, bundle.commit);
    alice = aliceGot.member;
    expect(aliceGot.kind === 'handshake' && !aliceGot.removed).toBe(true);
    const carolGot = await receive(carol, bundle.commit);
    expect(carolGot.kind === 'handshake' && carolGot.removed).toBe(true);
    await expectSameGroup(ccGroupInfo, [alice]);
    expect(await bob.core.getClientIds(conversation)).toHaveLength(2);

    // Still a working group afterwards.
    const after = await sendApplication(alice, text('after the DS remove'));
    const decrypted = await bob.transaction((ctx) => ctx.decryptMessage(conversation, after.message));
    expect(api.DecryptedMessage.Text.instanceOf(decrypted) ? new TextDecoder().decode(decrypted.inner.plaintext) : decrypted.tag).toBe('after the DS remove');
  });
});

function basicIdentity(identity: ClientIdentity): Uint8Array {
  if (identity.credential.credentialType !== 'basic') throw new Error('not a basic credential');
  return identity.credential.identity;
}
