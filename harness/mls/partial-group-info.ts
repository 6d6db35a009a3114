import type { ClientState, CiphersuiteImpl, Extension as MlsExtension, GroupInfo } from 'ts-mls';
import { createGroupInfoWithExternalPub, createGroupInfoWithExternalPubAndRatchetTree } from 'ts-mls';
import { decodeExtension, encodeExtension } from 'ts-mls/extension.js';
import { decode, encode } from '../codec/index.js';
import { extension, type Extension, type PartialGroupInfo } from '../messages/index.js';

/** A ts-mls extension in the profile's wire form (numeric type, raw data), byte-exact. */
export function toWireExtension(ext: MlsExtension): Extension {
  return decode(extension, encodeExtension(ext));
}

/** The profile's wire form back to a ts-mls extension, byte-exact. */
export function fromWireExtension(ext: Extension): MlsExtension {
  const bytes = encode(extension, ext);
  const decoded = decodeExtension(bytes, 0);
  if (decoded === undefined || decoded[1] !== bytes.length) throw new Error(`extension ${ext.extension_type} cannot be read by ts-mls`);
  return decoded[0];
}

/**
 * The committer's signed GroupInfo for the epoch its state is in, and the
 * PartialGroupInfo it uploads (DS draft "DS assisted joining"): the GroupInfo
 * extensions (external_pub among them) and the signature. The DS adds the
 * GroupContext and confirmation tag it computed itself; the signer is the
 * committer's leaf (profile §4). With `ratchetTree`, the extensions also
 * carry ratchet_tree (RFC 9420 §12.4.3.3), for joiners that cannot take the
 * tree served beside the GroupInfo (profile §12).
 *
 * @example
 * const { partial } = await partialGroupInfoOf(newState, cs);
 */
export async function partialGroupInfoOf(state: ClientState, cs: CiphersuiteImpl, ratchetTree = false): Promise<{ groupInfo: GroupInfo; partial: PartialGroupInfo }> {
  const groupInfo = ratchetTree ? await createGroupInfoWithExternalPubAndRatchetTree(state, [], cs) : await createGroupInfoWithExternalPub(state, [], cs);
  return { groupInfo, partial: { group_info_extensions: groupInfo.extensions.map(toWireExtension), signature: groupInfo.signature } };
}
