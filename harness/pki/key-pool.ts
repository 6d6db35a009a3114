import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { BUNDLED_RSA_KEYS } from './bundled-keys.js';

/** A key pair as PEM: RSA (PKCS#1) for servers from the pool, ECDSA P-256 (PKCS#8) for CAs (authority-key.ts); SPKI public key. */
export interface KeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/** Hands out keys for certificates: bundled ones first, then freshly generated ones. */
export interface KeyPool {
  /** A key for a server certificate; slots past the bundled keys reuse them unless `unique` was set. Never a reserved key. */
  key(index: number): KeyPair;
  /**
   * Two bundled keys kept out of the server slots; never handed to a server.
   * No CA signs with them any more: a CA's key is fresh per PKI (authority-key.ts),
   * since anything bundled ships in the package.
   */
  reserved(index: 0 | 1): KeyPair;
  readonly size: number;
}

/** Bundled keys 0 and 1 stay out of the server slots (they were the CAs' keys before CAs got fresh ones). */
const RESERVED = 2;

/** Options for {@link createKeyPool}. */
export interface KeyPoolOptions {
  /** Give every slot its own key, generating (natively, ~200 ms each) past the bundled ones. */
  readonly unique?: boolean;
}

function pair(privateKeyPem: string): KeyPair {
  return { privateKeyPem, publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * A pool of RSA-2048 keys for server (leaf) certificates inside one process.
 * Bundled keys 0 and 1 are kept out; server slot i uses bundled key
 * 2 + (i mod 14), so a thousand providers start in milliseconds and each
 * still gets its own certificate. Keys are cached once derived. A CA never
 * uses the pool: its key is fresh (authority-key.ts).
 *
 * @example
 * const pool = createKeyPool();
 * const { privateKeyPem } = pool.key(3);
 */
export function createKeyPool(options: KeyPoolOptions = {}): KeyPool {
  const cache = new Map<number, KeyPair>();
  const keyAt = (slot: number): KeyPair => {
    let found = cache.get(slot);
    if (found === undefined) {
      const bundled = BUNDLED_RSA_KEYS[slot];
      found =
        bundled !== undefined
          ? pair(bundled)
          : pair(generateKeyPairSync('rsa', { modulusLength: 2048, privateKeyEncoding: { type: 'pkcs1', format: 'pem' }, publicKeyEncoding: { type: 'spki', format: 'pem' } }).privateKey);
      cache.set(slot, found);
    }
    return found;
  };
  const servers = BUNDLED_RSA_KEYS.length - RESERVED;
  return {
    size: servers,
    reserved: (index) => keyAt(index),
    key: (index) => keyAt(RESERVED + (options.unique ? index : index % servers)),
  };
}
