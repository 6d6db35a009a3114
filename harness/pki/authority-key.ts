import { generateKeyPairSync } from 'node:crypto';
import type { KeyPair } from './key-pool.js';

/**
 * A new ECDSA P-256 key pair for a certificate authority, generated for one
 * PKI (one network, one `mimi-harness serve` run) and held only in memory.
 * P-256 takes well under a millisecond to generate, where RSA-2048 takes
 * 150–240 ms, so every network can afford its own; and ECDSA P-256 with
 * SHA-256 is accepted for certificate signatures by every TLS 1.3 stack
 * (RFC 8446 §4.2.3 lists ecdsa_secp256r1_sha256 as mandatory to implement),
 * while Ed25519 certificates are not (browsers, older Java).
 *
 * @example
 * const caKey = freshAuthorityKey();
 */
export function freshAuthorityKey(): KeyPair {
  const { privateKey, publicKey } = generateKeyPairSync('ec', {
    namedCurve: 'P-256',
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  return { privateKeyPem: privateKey, publicKeyPem: publicKey };
}
