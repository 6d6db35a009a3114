/**
 * Ed25519 for ts-mls's CiphersuiteImpl on node:crypto's one-shot
 * `sign`/`verify`, with the parsed keys kept. ts-mls's own implementation
 * imports the key through WebCrypto on every call (a PKCS#8 parse per
 * signature: a tenth of a catalog run's CPU went to createPrivateKey); this
 * one parses each key once. The same OpenSSL Ed25519 underneath (RFC 8032),
 * so every signature and every verdict is the one WebCrypto gives.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';

/** The DER prefixes that wrap a raw 32-byte Ed25519 key (RFC 8410 §7 PKCS#8, §4 SubjectPublicKeyInfo). */
const PKCS8_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Parsed keys by their bytes; cleared when full (a run makes a few thousand keys at most). */
const LIMIT = 8192;
const privateKeys = new Map<string, KeyObject>();
const publicKeys = new Map<string, KeyObject>();

function cached(cache: Map<string, KeyObject>, bytes: Uint8Array, parse: (der: Buffer) => KeyObject): KeyObject {
  const id = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
  const known = cache.get(id);
  if (known !== undefined) return known;
  const key = parse(Buffer.from(bytes));
  if (cache.size >= LIMIT) cache.clear();
  cache.set(id, key);
  return key;
}

/** A signing key as ts-mls holds it: 32 raw bytes, or PKCS#8 DER (what WebCrypto's keygen exports). */
const privateKeyOf = (signKey: Uint8Array): KeyObject =>
  cached(privateKeys, signKey, (der) => createPrivateKey({ key: signKey.length === 32 ? Buffer.concat([PKCS8_PREFIX, der]) : der, format: 'der', type: 'pkcs8' }));

/** A public key as MLS carries it: 32 raw bytes (RFC 9420 §5.1.2). Any other length is refused, as WebCrypto's raw import does. */
const publicKeyOf = (publicKey: Uint8Array): KeyObject =>
  cached(publicKeys, publicKey, (raw) => {
    if (raw.length !== 32) throw new TypeError(`an Ed25519 public key is 32 bytes, not ${raw.length}`);
    return createPublicKey({ key: Buffer.concat([SPKI_PREFIX, raw]), format: 'der', type: 'spki' });
  });

/** The `signature` member of a CiphersuiteImpl for Ed25519 (ts-mls's Signature interface). */
export const nativeEd25519 = {
  sign(signKey: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
    return Promise.resolve(new Uint8Array(sign(null, message, privateKeyOf(signKey))));
  },
  verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): Promise<boolean> {
    try {
      return Promise.resolve(verify(null, message, publicKeyOf(publicKey), signature));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
  keygen(): Promise<{ publicKey: Uint8Array; signKey: Uint8Array }> {
    const pair = generateKeyPairSync('ed25519');
    const publicKey = new Uint8Array(pair.publicKey.export({ format: 'der', type: 'spki' }).subarray(SPKI_PREFIX.length));
    const signKey = new Uint8Array(pair.privateKey.export({ format: 'der', type: 'pkcs8' }));
    return Promise.resolve({ publicKey, signKey });
  },
};
