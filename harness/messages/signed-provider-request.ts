import { opaqueRange, struct, uint64, type Codec, type Fields } from '../codec/index.js';
import { fqdn } from './fqdn.js';
import { dsProtocolVersion } from './protocol-version.js';
import { userId } from './user-id.js';

/**
 * The frame of the profile's signed provider-to-provider key package
 * requests (profile §5, §6):
 * ```
 * struct {
 *   DSProtocolVersion protocol_version;
 *   FQDN sender;          // requesting provider's DS domain
 *   FQDN recipient;       // the provider asked; checked first
 *   uint64 message_id;    // unique per (sender, recipient); a repeat gets the first answer
 *   UserID requester;     // the user on whose behalf the provider asks
 *   <Body> request;
 *   opaque signature<0..255>; // SignWithLabel(sender's verification key, "MIMI <Name>", <Name>TBS)
 * } <Name>;
 * ```
 * Returns the struct and its TBS (all fields but the signature).
 *
 * @example
 * const { request, tbs } = signedProviderRequest('GroupKeyPackageRequest', keyPackagesRequest);
 */
export function signedProviderRequest<B>(name: string, body: Codec<B>) {
  const signed = {
    protocol_version: dsProtocolVersion,
    sender: fqdn,
    recipient: fqdn,
    message_id: uint64,
    requester: userId,
    request: body,
  } satisfies Fields;
  return {
    label: `MIMI ${name}`,
    tbs: struct(`${name}TBS`, signed),
    request: struct(name, { ...signed, signature: opaqueRange(0, 255) }),
  };
}
