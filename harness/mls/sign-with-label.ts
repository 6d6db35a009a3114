import { encode, opaqueV, struct } from '../codec/index.js';
import { mlsSuite } from './suite.js';

/** `struct { opaque label<V>; opaque content<V>; } SignContent;` (RFC 9420 §5.1.2). */
const signContent = struct('SignContent', { label: opaqueV, content: opaqueV });

/**
 * The bytes `SignWithLabel` signs: SignContent with `"MLS 1.0 " + label`
 * (RFC 9420 §5.1.2), whatever the signature scheme.
 *
 * @example
 * const bytes = labeledContent('MIMI DSFanoutRequest', tbs);
 */
export function labeledContent(label: string, content: Uint8Array): Uint8Array {
  return encode(signContent, { label: new TextEncoder().encode(`MLS 1.0 ${label}`), content });
}

/**
 * `SignWithLabel(SignatureKey, Label, Content)` of RFC 9420 §5.1.2, with the
 * harness ciphersuite's signature scheme (Ed25519). The profile signs its
 * own structs this way, each with its own label (profile §7).
 *
 * @example
 * const signature = await signWithLabel(keys.signKey, 'MIMI DSFanoutRequest', encode(dsFanoutRequestTbs, tbs));
 */
export async function signWithLabel(signKey: Uint8Array, label: string, content: Uint8Array): Promise<Uint8Array> {
  const cs = await mlsSuite();
  return cs.signature.sign(signKey, labeledContent(label, content));
}

/** `VerifyWithLabel` of RFC 9420 §5.1.2. @example await verifyWithLabel(key, 'MIMI DSFanoutRequest', tbsBytes, signature) */
export async function verifyWithLabel(publicKey: Uint8Array, label: string, content: Uint8Array, signature: Uint8Array): Promise<boolean> {
  const cs = await mlsSuite();
  try {
    return await cs.signature.verify(publicKey, labeledContent(label, content), signature);
  } catch {
    // A malformed key or signature is a failed verification, not a crash.
    return false;
  }
}

/** A new Ed25519 signature key pair (a provider's verification key, the DS's external-sender key). */
export async function generateSignatureKeys(): Promise<{ publicKey: Uint8Array; signKey: Uint8Array }> {
  const cs = await mlsSuite();
  return cs.signature.keygen();
}
