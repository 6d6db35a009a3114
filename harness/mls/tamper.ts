import type { GroupContext, MLSMessage, PublicMessage } from 'ts-mls';
import { signFramedContentTBS, toTbs } from 'ts-mls/framedContent.js';
import { mlsSuite } from './suite.js';
import { fromWire, toWire } from './wire.js';

/**
 * Edits a PublicMessage (for adversarial scenarios and the planted-bug
 * tests of the DS checks): `edit` returns the changed message, which is
 * re-signed with `signKey` when given, so that only the intended flaw
 * remains.
 *
 * @example
 * const bad = await tamperPublicMessage(commitBytes, (m) => ({ ...m, content: { ...m.content, epoch: 99n } }), context, alice.signatureKeyPair.signKey);
 */
export async function tamperPublicMessage(bytes: Uint8Array, edit: (message: PublicMessage) => PublicMessage, context?: GroupContext, signKey?: Uint8Array): Promise<Uint8Array> {
  const message: MLSMessage = fromWire(bytes);
  if (message.wireformat !== 'mls_public_message') throw new Error(`cannot tamper with a ${message.wireformat} as a PublicMessage`);
  let edited = edit(message.publicMessage);
  if (signKey !== undefined && context !== undefined) {
    const cs = await mlsSuite();
    const signature = await signFramedContentTBS(signKey, toTbs(edited.content, 'mls_public_message', context), cs.signature);
    edited = { ...edited, auth: { ...edited.auth, signature } };
  }
  return toWire({ ...message, publicMessage: edited });
}
