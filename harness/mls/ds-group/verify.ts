import type { CiphersuiteImpl, MLSMessage, PublicMessage } from 'ts-mls';
import { verifyFramedContentSignature } from 'ts-mls/framedContent.js';
import { findSignaturePublicKey } from 'ts-mls/publicMessage.js';
import { leafToNodeIndex, toLeafIndex } from 'ts-mls/treemath.js';
import { refuse, refusingAs } from './refusal.js';
import type { DsGroup } from './state.js';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * The checks every handshake message to the DS passes first: the group is
 * not suspended, the message is a PublicMessage of this group and epoch.
 */
export function publicMessageOf(group: DsGroup, message: MLSMessage): PublicMessage {
  if (group.suspended) refuse('suspended', 'the group was re-initialized and takes no more handshake messages');
  if (message.wireformat !== 'mls_public_message') refuse('invalid_commit', `a ${message.wireformat}, but the DS needs a PublicMessage`);
  const { content } = message.publicMessage;
  if (!sameBytes(content.groupId, group.groupContext.groupId)) refuse('unknown_group', 'the message is for another group');
  if (content.epoch !== group.groupContext.epoch) refuse('wrong_epoch', `epoch ${content.epoch}, the group is at ${group.groupContext.epoch}`);
  return message.publicMessage;
}

/**
 * Verifies the sender's signature (RFC 9420 §6.1) against its leaf, the
 * external sender list, or the new leaf of an external commit. The
 * membership tag is not checked: it needs the epoch's membership_key, which
 * only members have (a DS can never check it).
 */
export async function verifySender(group: DsGroup, message: PublicMessage, cs: CiphersuiteImpl): Promise<void> {
  const { sender } = message.content;
  if (sender.senderType === 'member') {
    const node = group.ratchetTree[leafToNodeIndex(toLeafIndex(sender.leafIndex))];
    if (node?.nodeType !== 'leaf') refuse('not_a_member', `leaf ${sender.leafIndex} is blank`);
  }
  const key = await refusingAs('bad_signature', () => findSignaturePublicKey(group.ratchetTree, group.groupContext, message.content));
  const valid = await refusingAs('bad_signature', () => verifyFramedContentSignature(key, 'mls_public_message', message.content, message.auth, group.groupContext, cs.signature));
  if (!valid) refuse('bad_signature', 'the FramedContent signature does not verify');
}

export { sameBytes };
