import { opaqueV, struct, uint16, type ValueOf } from '../codec/index.js';

/**
 * `struct { ExtensionType extension_type; opaque extension_data<V>; } Extension;`
 * (RFC 9420 §13.3, ExtensionType uint16). Kept generic here so that an
 * RFC-conformant `external_senders` list round-trips, which ts-mls 1.6.4's
 * own Extension codec does not (it reads a single ExternalSender).
 *
 * @example
 * encode(extension, { extension_type: 0xf0d0, extension_data: Uint8Array.of(0, 1, 0) })
 */
export const extension = struct('Extension', { extension_type: uint16, extension_data: opaqueV });
export type Extension = ValueOf<typeof extension>;
