import {
  createApplicationMessage,
  createCommit,
  createGroup,
  createProposal,
  emptyPskIndex,
  joinGroup,
  joinGroupExternal,
  processMessage,
  type ClientState,
  type Extension,
  type GroupInfo,
  type MLSMessage,
  type Proposal,
  type RatchetTree,
} from 'ts-mls';
import { defaultClientConfig } from 'ts-mls/clientConfig.js';
import type { PartialGroupInfo } from '../messages/index.js';
import type { ClientIdentity } from './identity.js';
import type { OwnKeyPackage } from './key-packages.js';
import { partialGroupInfoOf } from './partial-group-info.js';
import { mlsSuite } from './suite.js';
import { fromWire, toWire } from './wire.js';

/**
 * A virtual client's membership in one group. Immutable: every operation
 * returns a new Member, so a client whose commit lost a race simply keeps
 * the old one.
 */
export interface Member {
  readonly identity: ClientIdentity;
  readonly state: ClientState;
}

/** Options of {@link commit}. */
export interface CommitOptions {
  /**
   * Put the ratchet tree into the Welcome's GroupInfo (the ratchet_tree
   * extension), for joiners that cannot take it separately (OpenMLS-based
   * stacks such as Wire's core-crypto). The profile's joiners get it from
   * /welcome_information instead.
   */
  readonly ratchetTreeInWelcome?: boolean;
  /**
   * Put the ratchet tree into the GroupInfo uploaded to the DS (the
   * PartialGroupInfo's extensions get ratchet_tree), so that a client that
   * joins by external commit from the GroupInfo the DS serves needs no tree
   * beside it (OpenMLS-based stacks: "No ratchet tree available"). The DS
   * checks it is its own tree and serves it as uploaded (profile §12).
   */
  readonly ratchetTreeInGroupInfo?: boolean;
}

/** What a commit produces: the new member state and what goes to the DS. */
export interface CommitOutput {
  readonly member: Member;
  /** MLSMessage (PublicMessage commit) bytes. */
  readonly commit: Uint8Array;
  /** MLSMessage (Welcome) bytes, when the commit adds members. */
  readonly welcome: Uint8Array | undefined;
  readonly partialGroupInfo: PartialGroupInfo;
  readonly groupInfo: GroupInfo;
}

const welcomeMessage = (welcome: NonNullable<Awaited<ReturnType<typeof createCommit>>['welcome']>): MLSMessage => ({ version: 'mls10', wireformat: 'mls_welcome', welcome });

/**
 * Creates a group (epoch 0). Returns the member and what a CreateGroup
 * request carries: the signed GroupInfo and the ratchet tree.
 *
 * @example
 * const { member, groupInfo } = await createMimiGroup(alice, kp, groupId, [mimiGroupContextExtension(...), externalSendersExtension([...])]);
 */
export async function createMimiGroup(identity: ClientIdentity, keyPackage: OwnKeyPackage, groupId: Uint8Array, extensions: Extension[]): Promise<{ member: Member; groupInfo: GroupInfo }> {
  const cs = await mlsSuite();
  const state = await createGroup(groupId, keyPackage.publicPackage, keyPackage.privatePackage, extensions, cs, defaultClientConfig);
  const { groupInfo } = await partialGroupInfoOf(state, cs);
  return { member: { identity, state }, groupInfo };
}

/**
 * A commit as a PublicMessage (DS draft: handshake messages are public so
 * the DS can track the group), with `byValue` proposals and every stored
 * proposal by reference (ts-mls commits all of them). No ratchet tree in the
 * Welcome: joiners get it from /welcome_information.
 *
 * @example
 * const out = await commit(alice, [addProposal(bobKp.publicPackage)]);
 */
export async function commit(member: Member, byValue: Proposal[] = [], options: CommitOptions = {}): Promise<CommitOutput> {
  const cs = await mlsSuite();
  const result = await createCommit({ state: member.state, cipherSuite: cs }, { wireAsPublicMessage: true, extraProposals: byValue, ratchetTreeExtension: options.ratchetTreeInWelcome ?? false });
  const { partial, groupInfo } = await partialGroupInfoOf(result.newState, cs, options.ratchetTreeInGroupInfo ?? false);
  return {
    member: { ...member, state: result.newState },
    commit: toWire(result.commit),
    welcome: result.welcome === undefined ? undefined : toWire(welcomeMessage(result.welcome)),
    partialGroupInfo: partial,
    groupInfo,
  };
}

/** An Add by value. @example commit(alice, [addProposal(kp.publicPackage)]) */
export function addProposal(keyPackage: OwnKeyPackage['publicPackage']): Proposal {
  return { proposalType: 'add', add: { keyPackage } };
}

/** A Remove by value. @example commit(alice, [removeProposal(2)]) */
export function removeProposal(leafIndex: number): Proposal {
  return { proposalType: 'remove', remove: { removed: leafIndex } };
}

/**
 * Self-remove (DS draft "Self remove a client"): a standalone Remove of
 * oneself as a PublicMessage; another member commits it by reference.
 *
 * @example
 * const { member, proposal } = await proposeSelfRemove(bob);
 */
export async function proposeSelfRemove(member: Member): Promise<{ member: Member; proposal: Uint8Array }> {
  const cs = await mlsSuite();
  const result = await createProposal(member.state, true, removeProposal(leafIndexOf(member)), cs);
  return { member: { ...member, state: result.newState }, proposal: toWire(result.message) };
}

/** Outcome of processing an incoming message. */
export type Received =
  | { readonly kind: 'handshake'; readonly member: Member; readonly removed: boolean }
  | { readonly kind: 'application'; readonly member: Member; readonly data: Uint8Array };

/**
 * The framing checks of RFC 9420 §6 a receiver makes before anything else:
 * the message is for this group and this epoch, and a member sender has a
 * leaf. The signature and membership tag are verified by ts-mls's
 * processMessage, which decides a removal of the receiver only after them.
 */
function checkFraming(member: Member, message: MLSMessage): void {
  if (message.wireformat !== 'mls_public_message') return;
  const { content } = message.publicMessage;
  const { groupId, epoch } = member.state.groupContext;
  if (content.groupId.length !== groupId.length || content.groupId.some((b, i) => b !== groupId[i])) throw new Error('the message is for another group');
  if (content.epoch !== epoch) throw new Error(`the message is for epoch ${content.epoch}, the group is at ${epoch}`);
  if (content.sender.senderType === 'member' && member.state.ratchetTree[content.sender.leafIndex * 2]?.nodeType !== 'leaf') throw new Error(`the sender's leaf ${content.sender.leafIndex} is blank`);
}

/**
 * Processes a message from the group (a commit, a proposal, an application
 * message). Proposals are stored; a commit moves the epoch. A commit that
 * removes the receiver (by value, or through a stored proposal it
 * references) gives `removed: true`, and only once the commit has verified:
 * group, epoch, the sender's membership, its signature and membership tag
 * (issue 9: a forged removal must not make a member drop its group).
 *
 * @example
 * const r = await receive(bob, commitBytes);
 */
export async function receive(member: Member, bytes: Uint8Array): Promise<Received> {
  const cs = await mlsSuite();
  const message = fromWire(bytes);
  if (message.wireformat !== 'mls_public_message' && message.wireformat !== 'mls_private_message') throw new Error(`cannot process a ${message.wireformat} as a group message`);
  checkFraming(member, message);
  const result = await processMessage(message, member.state, emptyPskIndex, () => 'accept', cs);
  const next = { ...member, state: result.newState };
  if (result.kind === 'applicationMessage') return { kind: 'application', member: next, data: result.message };
  return { kind: 'handshake', member: next, removed: result.newState.groupActiveState.kind === 'removedFromGroup' };
}

/**
 * An application message (a PrivateMessage, DS draft "Send an application message").
 *
 * @example
 * const { message } = await sendApplication(alice, new TextEncoder().encode('hi'));
 */
export async function sendApplication(member: Member, data: Uint8Array): Promise<{ member: Member; message: Uint8Array }> {
  const cs = await mlsSuite();
  const result = await createApplicationMessage(member.state, data, cs);
  return { member: { ...member, state: result.newState }, message: toWire({ version: 'mls10', wireformat: 'mls_private_message', privateMessage: result.privateMessage }) };
}

/**
 * Joins from a Welcome with the ratchet tree obtained separately (from the
 * DS's /welcome_information).
 *
 * @example
 * const bob = await joinFromWelcome(bobId, bobKp, welcomeBytes, tree);
 */
export async function joinFromWelcome(identity: ClientIdentity, keyPackage: OwnKeyPackage, welcomeBytes: Uint8Array, ratchetTree: RatchetTree): Promise<Member> {
  const cs = await mlsSuite();
  const message = fromWire(welcomeBytes);
  if (message.wireformat !== 'mls_welcome') throw new Error(`expected a Welcome, got ${message.wireformat}`);
  const state = await joinGroup(message.welcome, keyPackage.publicPackage, keyPackage.privatePackage, emptyPskIndex, cs, ratchetTree, undefined, defaultClientConfig);
  return { identity, state };
}

/**
 * Joins by external commit from the GroupInfo and ratchet tree the DS
 * serves (/external_commit_information). With `resync`, an existing client
 * that lost its state replaces its old leaf.
 *
 * @example
 * const { member, commit } = await externalJoin(carolId, kp, groupInfo, tree);
 */
export async function externalJoin(identity: ClientIdentity, keyPackage: OwnKeyPackage, groupInfo: GroupInfo, ratchetTree: RatchetTree, resync = false): Promise<Omit<CommitOutput, 'welcome'>> {
  const cs = await mlsSuite();
  const { publicMessage, newState } = await joinGroupExternal(groupInfo, keyPackage.publicPackage, keyPackage.privatePackage, resync, cs, ratchetTree, defaultClientConfig);
  const { partial, groupInfo: signed } = await partialGroupInfoOf(newState, cs);
  return { member: { identity, state: newState }, commit: toWire({ version: 'mls10', wireformat: 'mls_public_message', publicMessage }), partialGroupInfo: partial, groupInfo: signed };
}

/** The member's own leaf index. */
export function leafIndexOf(member: Member): number {
  return member.state.privatePath.leafIndex;
}

/** The member's current epoch. */
export function epochOf(member: Member): bigint {
  return member.state.groupContext.epoch;
}
