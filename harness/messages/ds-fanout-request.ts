import { mlsMessage, opaqueRange, struct, uint64, vectorV, type ValueOf } from '../codec/index.js';
import { clientId } from './client-id.js';
import { fqdn } from './fqdn.js';
import { dsProtocolVersion } from './protocol-version.js';

/** Labels for `SignWithLabel` over DSFanoutRequestTBS, by QS request type (profile §5, §7). */
export const FANOUT_SIGNATURE_LABELS = {
  deliver_message: 'MIMI DSFanoutRequest',
  connection_request: 'MIMI ConnectionRequest',
} as const;

const signedFields = {
  protocol_version: dsProtocolVersion,
  sender: fqdn,
  recipient: fqdn,
  message_id: uint64,
  recipient_ids: vectorV(clientId),
  mls_message: mlsMessage,
};

/**
 * Everything a DSFanoutRequest signs: all its fields but the signature.
 *
 * @example
 * const tbs = encode(dsFanoutRequestTbs, withoutSignature);
 */
export const dsFanoutRequestTbs = struct('DSFanoutRequestTBS', signedFields);
export type DSFanoutRequestTbs = ValueOf<typeof dsFanoutRequestTbs>;

/**
 * The DS draft's DSFanoutRequest with the profile's additions (§6, §13):
 * ```
 * struct {
 *   DSProtocolVersion protocol_version;
 *   FQDN sender;               // the owning DS
 *   FQDN recipient;            // the guest DS; checked first by the receiver
 *   uint64 message_id;         // unique per (sender, recipient); repeats are answered, not re-delivered
 *   ClientID recipient_ids<V>; // the draft's "opaque recipient_ids<V>", as a list of ClientIDs
 *   MLSMessage mls_message;
 *   opaque signature<0..255>;  // SignWithLabel(sender's verification key, label, DSFanoutRequestTBS)
 * } DSFanoutRequest;
 * ```
 *
 * @example
 * decode(dsFanoutRequest, bytes).recipient // 'ds.beta.test'
 */
export const dsFanoutRequest = struct('DSFanoutRequest', { ...signedFields, signature: opaqueRange(0, 255) });
export type DSFanoutRequest = ValueOf<typeof dsFanoutRequest>;
