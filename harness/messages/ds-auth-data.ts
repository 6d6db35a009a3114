import { enumeration, opaqueRange, select, uint32, uint8, type ValueOf } from '../codec/index.js';

/** `enum { anonymous(0), client_signature(1) } DSAuthType;` as uint8 (DS draft, "Client to server requests"). */
export const DSAuthType = { anonymous: 0, client_signature: 1 } as const;
export type DSAuthType = keyof typeof DSAuthType;

/**
 * `struct { DSAuthType auth_type; select (auth_type) { case anonymous: struct {};
 * case client_signature: uint32 sender_index; opaque signature<0..255>; } } DSAuthData;`
 * Which type each request needs is in docs/PROFILE.md §8.
 *
 * @example
 * encode(dsAuthData, { auth_type: 'anonymous' }) // [0]
 */
export const dsAuthData = select('DSAuthData', 'auth_type', enumeration('DSAuthType', uint8, DSAuthType), {
  anonymous: {},
  client_signature: { sender_index: uint32, signature: opaqueRange(0, 255) },
});
export type DSAuthData = ValueOf<typeof dsAuthData>;
