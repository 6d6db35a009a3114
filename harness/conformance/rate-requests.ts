import { encode, toHex } from '../codec/index.js';
import { dsRequest } from '../messages/index.js';
import { leafIndexOf, sendApplication, type Member } from '../mls/index.js';
import { signedDsRequest } from '../provider/index.js';
import { embedded, type VirtualClient } from '../scenario/index.js';

/**
 * The leaf an Add gave `joiner` in `member`'s view of the group (matched by
 * signature key), for a ds_welcome_info that names its leaf (profile §8).
 *
 * @example
 * const leaf = leafOf(alice.member(group), bob);
 */
export function leafOf(member: Member | undefined, joiner: VirtualClient): number | undefined {
  const key = toHex(joiner.identity.signatureKeyPair.publicKey);
  const index = member?.state.ratchetTree.findIndex((node) => node?.nodeType === 'leaf' && toHex(node.leaf.signaturePublicKey) === key);
  return index === undefined || index < 0 ? undefined : index / 2;
}

/**
 * A DSRequest `ds_welcome_info` (profile §4) by an added client that has
 * not joined yet, signed with its own key for its leaf (profile §8): a
 * request valid enough to reach a per-group limit.
 *
 * @example
 * const body = await welcomeInfoRequest(bob, group, 1n, 1);
 */
export async function welcomeInfoRequest(joiner: VirtualClient, group: Uint8Array, epoch: bigint, leaf: number): Promise<Uint8Array> {
  return encode(dsRequest, await signedDsRequest(joiner.identity.signatureKeyPair.signKey, { request_type: 'ds_welcome_info', welcome_info_request: { group_id: group, epoch } }, leaf));
}

/** An anonymous DSRequest `ds_external_commit_info` (profile §4, §8). @example externalCommitInfoRequest(group) */
export function externalCommitInfoRequest(group: Uint8Array): Uint8Array {
  return encode(dsRequest, { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: group } }, authentication_data: { auth_type: 'anonymous' } });
}

/** Signed ds_send_message requests of one member, each a new application message. */
export interface MemberMessages {
  /** The next request's bytes: a new PrivateMessage of the current epoch, signed for the member's leaf (profile §8). */
  next(): Promise<Uint8Array>;
}

/**
 * Application messages of `client` in `group`, built from its MLS state
 * and not sent by the client itself, so a check can read each answer's
 * headers. The client's own state is left as it was: it must not send in
 * this group afterwards (it would reuse a generation).
 *
 * @example
 * const messages = memberMessages(alice, group);
 * const body = await messages.next();
 */
export function memberMessages(client: VirtualClient, group: Uint8Array): MemberMessages {
  let member = client.member(group);
  let count = 0;
  return {
    async next() {
      if (member === undefined) throw new Error(`${client.id.user.user_name}@${client.id.user.domain} is not a member of the group`);
      const out = await sendApplication(member, new TextEncoder().encode(`flood ${++count}`));
      member = out.member;
      const body = { request_type: 'ds_send_message', send_message_request: { application_message: embedded(out.message) } } as const;
      return encode(dsRequest, await signedDsRequest(client.identity.signatureKeyPair.signKey, body, leafIndexOf(out.member)));
    },
  };
}
