import { createCommit, joinGroupFromReinit, makePskIndex, nobleCryptoProvider, type Extension, type GroupInfo, type KeyPackage } from 'ts-mls';
import { makeResumptionPsk } from 'ts-mls/resumption.js';
import { commit, createMimiGroup, type CommitOutput, type Member } from './client.js';
import type { ClientIdentity } from './identity.js';
import type { OwnKeyPackage } from './key-packages.js';
import { partialGroupInfoOf } from './partial-group-info.js';
import { CIPHERSUITE, mlsSuite } from './suite.js';
import { fromWire, toWire } from './wire.js';

/**
 * A ReInit (RFC 9420 §11.2, DS draft "ReInitialize a group"): a commit whose
 * only proposal is the ReInit, as a PublicMessage. Afterwards every member
 * is suspended pending the new group. (ts-mls's reinitGroup sends a
 * PrivateMessage, which a DS cannot track.)
 *
 * @example
 * const out = await commitReinit(alice, newGroupId, extensions);
 */
export function commitReinit(member: Member, newGroupId: Uint8Array, extensions: Extension[]): Promise<CommitOutput> {
  return commit(member, [{ proposalType: 'reinit', reinit: { groupId: newGroupId, version: 'mls10', cipherSuite: CIPHERSUITE, extensions } }]);
}

/**
 * The new group after a ReInit: created by `identity` from the suspended
 * state, with the other members added by their fresh KeyPackages and the
 * resumption PSK of the old group (RFC 9420 §11.2).
 *
 * @example
 * const { created, added } = await createGroupFromReinit(aliceSuspended, kp, [bobKp.publicPackage]);
 */
export async function createGroupFromReinit(suspended: Member, keyPackage: OwnKeyPackage, others: KeyPackage[]): Promise<{ created: { member: Member; groupInfo: GroupInfo }; added: CommitOutput }> {
  const active = suspended.state.groupActiveState;
  if (active.kind !== 'suspendedPendingReinit') throw new Error('the member is not suspended pending a ReInit');
  const cs = await mlsSuite();
  const created = await createMimiGroup(suspended.identity, keyPackage, active.reinit.groupId, active.reinit.extensions);
  const psk = makeResumptionPsk(suspended.state, 'reinit', cs);
  const result = await createCommit(
    { state: created.member.state, cipherSuite: cs, pskIndex: makePskIndex(suspended.state, {}) },
    { wireAsPublicMessage: true, ratchetTreeExtension: false, extraProposals: [...others.map((kp) => ({ proposalType: 'add' as const, add: { keyPackage: kp } })), { proposalType: 'psk', psk: { preSharedKeyId: psk.id } }] },
  );
  const { partial, groupInfo } = await partialGroupInfoOf(result.newState, cs);
  const added: CommitOutput = {
    member: { identity: suspended.identity, state: result.newState },
    commit: toWire(result.commit),
    welcome: result.welcome === undefined ? undefined : toWire({ version: 'mls10', wireformat: 'mls_welcome', welcome: result.welcome }),
    partialGroupInfo: partial,
    groupInfo,
  };
  return { created, added };
}

/**
 * Joins the group that replaces a re-initialized one, from its Welcome.
 *
 * @example
 * const bobNew = await joinFromReinit(bobSuspended, welcome, bobNewKp, tree);
 */
export async function joinFromReinit(suspended: Member, identity: ClientIdentity, welcomeBytes: Uint8Array, keyPackage: OwnKeyPackage, ratchetTree: Member['state']['ratchetTree']): Promise<Member> {
  const message = fromWire(welcomeBytes);
  if (message.wireformat !== 'mls_welcome') throw new Error(`expected a Welcome, got ${message.wireformat}`);
  const state = await joinGroupFromReinit(suspended.state, message.welcome, keyPackage.publicPackage, keyPackage.privatePackage, ratchetTree, nobleCryptoProvider);
  return { identity, state };
}
