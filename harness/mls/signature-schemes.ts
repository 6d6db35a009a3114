import { createPublicKey, verify as nodeVerify } from 'node:crypto';
import type { SignatureScheme } from '../messages/index.js';
import { labeledContent, verifyWithLabel } from './sign-with-label.js';

/** ECDSA P-256 with SHA-256 over `message`; the key is an uncompressed SEC1 point (RFC 9420 §5.1.1), the signature DER (RFC 8446 §4.2.3). */
function verifyP256(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (publicKey.length !== 65 || publicKey[0] !== 0x04) return false;
  const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
  const key = createPublicKey({ key: { kty: 'EC', crv: 'P-256', x: b64(publicKey.subarray(1, 33)), y: b64(publicKey.subarray(33)) }, format: 'jwk' });
  return nodeVerify('sha256', message, { key, dsaEncoding: 'der' }, signature);
}

type Verifier = (publicKey: Uint8Array, label: string, content: Uint8Array, signature: Uint8Array) => Promise<boolean>;

/**
 * The SignatureSchemes profile §5 allows for provider verification keys, each
 * with its VerifyWithLabel: Ed25519 (MLS ciphersuite 1, the harness's own)
 * and ECDSA P-256/SHA-256 (ciphersuites 2 and 3). The others of the enum are
 * refused: a VerificationKeyResponse naming one is discarded.
 */
const VERIFIERS: Readonly<Partial<Record<SignatureScheme, Verifier>>> = {
  ed25519: (publicKey, label, content, signature) => (publicKey.length === 32 ? verifyWithLabel(publicKey, label, content, signature) : Promise.resolve(false)),
  ecdsa_secp256r1_sha256: (publicKey, label, content, signature) => {
    try {
      return Promise.resolve(verifyP256(publicKey, labeledContent(label, content), signature));
    } catch {
      // A malformed key or signature is a failed verification, not a crash.
      return Promise.resolve(false);
    }
  },
};

/** Whether profile §5 allows `scheme` for a provider verification key. @example isAllowedScheme('ed448') // false */
export function isAllowedScheme(scheme: SignatureScheme): boolean {
  return VERIFIERS[scheme] !== undefined;
}

/**
 * `VerifyWithLabel` (RFC 9420 §5.1.2) under the named SignatureScheme; false
 * for a scheme the profile does not allow, a key of the wrong form, or a
 * signature that does not verify.
 *
 * @example
 * await verifyWithLabelAs('ecdsa_secp256r1_sha256', key, 'MIMI DSFanoutRequest', tbs, signature)
 */
export function verifyWithLabelAs(scheme: SignatureScheme, publicKey: Uint8Array, label: string, content: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const verifier = VERIFIERS[scheme];
  return verifier === undefined ? Promise.resolve(false) : verifier(publicKey, label, content, signature);
}
