import { decode, DecodeError, encode, toHex } from 'mimi-transport-harness/codec';
import { CLIENT_SIGNATURE_LABEL, clientSignatureTbs, mimiGroupId, type DSErrorCode, type DSRequest } from 'mimi-transport-harness/messages';
import { DsRefusal, verifyWithLabel, type DsGroup, type DsRefusalReason } from 'mimi-transport-harness/mls';
import type { ProviderContext } from './context.js';
import { ProtocolError } from './protocol-error.js';

/** Each refusal of the MLS layer's DS group tracker as the error code a client gets (profile §3, §14). */
const CODE_OF: Readonly<Record<DsRefusalReason, DSErrorCode>> = {
  wrong_epoch: 'wrong_epoch',
  unknown_group: 'unknown_group',
  bad_signature: 'invalid_signature',
  not_a_member: 'not_a_member',
  invalid_proposal: 'invalid_proposal',
  unknown_proposal_reference: 'invalid_commit',
  missing_proposal: 'missing_proposal',
  invalid_commit: 'invalid_commit',
  invalid_group_info: 'invalid_group_info',
  invalid_group_info_signature: 'invalid_group_info',
  suspended: 'invalid_commit',
};

/**
 * Runs a tracker step; its DsRefusal becomes the matching ProtocolError.
 *
 * @example
 * const result = await tracked(() => processCommit(group, message, partial));
 */
export async function tracked<T>(body: () => Promise<T> | T): Promise<T> {
  try {
    return await body();
  } catch (error) {
    if (error instanceof DsRefusal) throw new ProtocolError(CODE_OF[error.reason], error.message);
    throw error;
  }
}

/**
 * The hex key of a group this DS owns (profile §6): a group id that is not a MimiGroupId naming this DS is `not_owner`.
 *
 * @example
 * const key = ownedGroupKey(ctx, content.groupId);
 */
export function ownedGroupKey(ctx: ProviderContext, groupId: Uint8Array): string {
  let owner: string;
  try {
    owner = decode(mimiGroupId, groupId).ds_domain;
  } catch (error) {
    if (error instanceof DecodeError) throw new ProtocolError('not_owner', 'the group id is not a MimiGroupId (profile §2)');
    throw error;
  }
  if (owner !== ctx.dsDomain) throw new ProtocolError('not_owner', `the group belongs to ${owner}, not ${ctx.dsDomain}`);
  return toHex(groupId);
}

/** The group, or `unknown_group`. @example const group = groupAt(ctx, key); */
export function groupAt(ctx: ProviderContext, key: string): DsGroup {
  const group = ctx.groups.get(key);
  if (group === undefined) throw new ProtocolError('unknown_group', 'no such group on this DS');
  return group;
}

/**
 * A DSRequest's ClientSignature (DS draft "Client to server requests", profile §7, §8): client_signature auth
 * (`unauthorized`), `sender_index` equal to `expected` (`unauthorized`), SignWithLabel("MIMI ClientSignatureTBS")
 * over {version, request_body, sender_index} verifying with `key` (`invalid_signature`).
 *
 * @example
 * await checkClientSignature(request, leafKey, 0);
 */
export async function checkClientSignature(request: DSRequest, key: Uint8Array, expected: number): Promise<void> {
  const auth = request.authentication_data;
  if (auth.auth_type !== 'client_signature') throw new ProtocolError('unauthorized', `${request.request_body.request_type} needs a client signature (profile §8)`);
  if (auth.sender_index !== expected) throw new ProtocolError('unauthorized', `sender_index ${auth.sender_index}, expected ${expected} (profile §8)`);
  const tbs = encode(clientSignatureTbs, { protocol_version: 1, request_body: request.request_body, sender_index: auth.sender_index });
  if (!(await verifyWithLabel(key, CLIENT_SIGNATURE_LABEL, tbs, auth.signature))) throw new ProtocolError('invalid_signature', 'the client signature does not verify');
}

/**
 * A member's request (profile §8): `sender_index` is the MLS sender's leaf (`unauthorized`), a member leaf
 * (`not_a_member`), and the ClientSignature verifies with that leaf's key.
 *
 * @example
 * await checkMemberSignature(group, request, senderLeaf);
 */
export async function checkMemberSignature(group: DsGroup, request: DSRequest, expected: number): Promise<void> {
  const auth = request.authentication_data;
  if (auth.auth_type === 'client_signature' && auth.sender_index !== expected) throw new ProtocolError('unauthorized', `sender_index ${auth.sender_index}, but the MLS sender is leaf ${expected} (profile §8)`);
  const node = group.ratchetTree[expected * 2];
  if (node?.nodeType !== 'leaf') throw new ProtocolError('not_a_member', `leaf ${expected} is not a member`);
  await checkClientSignature(request, node.leaf.signaturePublicKey, expected);
}
