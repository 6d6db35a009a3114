import { literal, uint16, type Codec } from '../codec/index.js';

/** The only MIMI DS protocol version of this profile (docs/PROFILE.md §1). */
export const DS_PROTOCOL_VERSION = 1;

/**
 * `uint16 DSProtocolVersion;` (profile §1). Any value but 1 is refused with
 * `unknown-enum`, which a DS answers with `unsupported_version`.
 *
 * @example
 * encode(dsProtocolVersion, 1) // [0x00, 0x01]
 */
export const dsProtocolVersion: Codec<typeof DS_PROTOCOL_VERSION> = literal('DSProtocolVersion', uint16, DS_PROTOCOL_VERSION);
