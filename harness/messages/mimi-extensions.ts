import { enumeration, struct, uint16, uint8, vectorV, type ValueOf } from '../codec/index.js';
import { dsProtocolVersion } from './protocol-version.js';

/**
 * The profile's MLS extension codepoints, in the private-use range
 * 0xF000-0xFFFF of RFC 9420 §17.3 (profile §12), until the MLS WG assigns
 * real ones (DS draft, "Version agility", "Connection KeyPackages").
 */
export const MimiExtensionType = {
  /** GroupContext: MimiGroupContext. */
  mimi_group_context: 0xf0d0,
  /** LeafNode: MimiSupportedVersions. */
  mimi_supported_versions: 0xf0d1,
  /** LeafNode of a connection KeyPackage; extension_data is empty. */
  mimi_connection_key_package: 0xf0d2,
  /** KeyPackage extension marking a last-resort KeyPackage; extension_data is empty. */
  mimi_last_resort: 0xf0d3,
} as const;

/** `enum { regular(0), connection(1) } MimiGroupKind;` as uint8. */
export const MimiGroupKind = { regular: 0, connection: 1 } as const;

/**
 * `struct { DSProtocolVersion protocol_version; MimiGroupKind kind; } MimiGroupContext;`:
 * the DS protocol version the group was created with and whether it is a
 * connection group (the draft's "How to mark connection groups?" TODO). It
 * must never change over the group's lifetime.
 *
 * @example
 * encode(mimiGroupContext, { protocol_version: 1, kind: 'regular' })
 */
export const mimiGroupContext = struct('MimiGroupContext', {
  protocol_version: dsProtocolVersion,
  kind: enumeration('MimiGroupKind', uint8, MimiGroupKind),
});
export type MimiGroupContext = ValueOf<typeof mimiGroupContext>;

/**
 * `struct { uint16 versions<V>; } MimiSupportedVersions;`: the DS protocol
 * versions a client supports (DS draft, "Version agility"). Plain uint16, not
 * DSProtocolVersion, so that a client can advertise versions this reader
 * does not implement yet.
 *
 * @example
 * encode(mimiSupportedVersions, { versions: [1, 2] })
 */
export const mimiSupportedVersions = struct('MimiSupportedVersions', { versions: vectorV(uint16) });
export type MimiSupportedVersions = ValueOf<typeof mimiSupportedVersions>;
