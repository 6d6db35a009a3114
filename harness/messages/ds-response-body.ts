import { enumeration, keyPackage, mlsMessage, opaqueV, ratchetTree, select, signaturePublicKey, uint8, vectorV, type ValueOf } from '../codec/index.js';
import { dsError } from './ds-error.js';

/** `enum { ok(0), error(1), group_id(2), ... } DSResponseType;` as uint8, in the draft's order. */
export const DSResponseType = {
  ok: 0,
  error: 1,
  group_id: 2,
  welcome_info: 3,
  external_commit_info: 4,
  signature_public_key: 5,
  key_packages: 6,
  connection_key_packages: 7,
} as const;
export type DSResponseType = keyof typeof DSResponseType;

/**
 * `struct { DSResponseType response_type; select (response_type) { ... } } DSResponseBody;`
 * (DS draft, "Client to server requests"). The draft's `case ExternalCommit`
 * is the `external_commit_info` type and `MLSMessage: group_info` is read as
 * `MLSMessage group_info` (profile §9).
 *
 * @example
 * encode(dsResponseBody, { response_type: 'ok' }) // [0]
 */
export const dsResponseBody = select('DSResponseBody', 'response_type', enumeration('DSResponseType', uint8, DSResponseType), {
  ok: {},
  error: { error: dsError },
  group_id: { group_id: opaqueV },
  welcome_info: { ratchet_tree: ratchetTree },
  external_commit_info: { group_info: mlsMessage, ratchet_tree: ratchetTree },
  signature_public_key: { signature_public_key: signaturePublicKey },
  key_packages: { key_packages: vectorV(keyPackage, { maxElements: 3 }) },
  connection_key_packages: { key_packages: vectorV(keyPackage, { maxElements: 3 }) },
});
export type DSResponseBody = ValueOf<typeof dsResponseBody>;
