import { enumeration, uint16 } from '../codec/index.js';

/**
 * The TLS SignatureScheme values of the MLS ciphersuites (RFC 9420 §17.1,
 * RFC 8446 §4.2.3), as a closed uint16 enum for provider verification keys.
 */
export const SignatureScheme = {
  ecdsa_secp256r1_sha256: 0x0403,
  ecdsa_secp384r1_sha384: 0x0503,
  ecdsa_secp521r1_sha512: 0x0603,
  ed25519: 0x0807,
  ed448: 0x0808,
} as const;
export type SignatureScheme = keyof typeof SignatureScheme;

/** @example encode(signatureScheme, 'ed25519') // [0x08, 0x07] */
export const signatureScheme = enumeration('SignatureScheme', uint16, SignatureScheme);
