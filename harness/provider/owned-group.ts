import { decode, DecodeError, toHex } from '../codec/index.js';
import { mimiGroupId, type DSRequest } from '../messages/index.js';
import { groupMembers, markJoined, type DsGroup } from '../mls/index.js';
import { checkClientSignature } from './client-signature.js';
import { ProviderError } from './provider-error.js';
import type { ProviderState } from './provider-state.js';

/**
 * The key of a group this DS owns (profile §6): a group_id that is not a
 * MimiGroupId naming this DS is `not_owner`.
 *
 * @example
 * const key = ownedGroupKey(state, publicMessage.content.groupId);
 */
export function ownedGroupKey(state: ProviderState, groupId: Uint8Array): string {
  let owner: string;
  try {
    owner = decode(mimiGroupId, groupId).ds_domain;
  } catch (error) {
    if (error instanceof DecodeError) throw new ProviderError('not_owner', 'the group id is not a MimiGroupId (profile §2)');
    throw error;
  }
  if (owner !== state.dsDomain) throw new ProviderError('not_owner', `the group belongs to ${owner}, not ${state.dsDomain}`);
  return toHex(groupId);
}

/** The group, or `unknown_group`. */
export function groupAt(state: ProviderState, key: string): DsGroup {
  const group = state.groups.get(key);
  if (group === undefined) throw new ProviderError('unknown_group', 'no such group on this DS');
  return group;
}

/**
 * Profile §8 for member requests: `sender_index` must be `expected` (the
 * MLS sender), name a member leaf (`not_a_member`), and the ClientSignature
 * must verify with that leaf's key (`verify` is false only for a planted
 * bug, ProviderDefects.skipsClientSignature).
 *
 * @example
 * await checkMemberSignature(group, request, senderLeaf);
 */
export async function checkMemberSignature(group: DsGroup, request: DSRequest, expected: number, verify = true): Promise<void> {
  const auth = request.authentication_data;
  if (auth.auth_type === 'client_signature' && auth.sender_index !== expected) throw new ProviderError('unauthorized', `sender_index ${auth.sender_index}, but the MLS sender is leaf ${expected} (profile §8)`);
  const node = group.ratchetTree[expected * 2];
  if (node?.nodeType !== 'leaf') throw new ProviderError('not_a_member', `leaf ${expected} is not a member`);
  // `verify` false only for the planted bug skipsClientSignature (issue 10 §4).
  if (verify || auth.auth_type !== 'client_signature') await checkClientSignature(request, node.leaf.signaturePublicKey, expected);
}

/** A member that was waiting to join has now acted in the group, so its join tree can go (DS draft "DS assisted joining"). */
export function joined(group: DsGroup, leaf: number): DsGroup {
  return group.pendingJoins.some((p) => p.joiners.includes(leaf)) ? markJoined(group, leaf) : group;
}

/** The ClientIDs of every member but the one at leaf `except.leaf` (fan-out never goes back to the sender). */
export function othersThan(group: DsGroup, except: { readonly leaf?: number }) {
  return groupMembers(group).flatMap((m) => (m.client === null || m.leaf === except.leaf ? [] : [m.client]));
}
