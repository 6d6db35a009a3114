import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { BUNDLED_RSA_KEYS } from './bundled-keys.js';

/** An RSA key pair as PEM (PKCS#1 private key, SPKI public key). */
export interface KeyPair {
  readonly privateKeyPem: string;
  readonly publicKeyPem: string;
}

/** Hands out keys for certificates: bundled ones first, then freshly generated ones. */
export interface KeyPool {
  /** The key for slot `index`; slots past the bundled keys reuse them unless `unique` was set. */
  key(index: number): KeyPair;
  readonly size: number;
}

/** Options for {@link createKeyPool}. */
export interface KeyPoolOptions {
  /** Give every slot its own key, generating (natively, ~200 ms each) past the bundled ones. */
  readonly unique?: boolean;
}

function pair(privateKeyPem: string): KeyPair {
  return { privateKeyPem, publicKeyPem: createPublicKey(privateKeyPem).export({ type: 'spki', format: 'pem' }).toString() };
}

/**
 * A pool of RSA-2048 keys. By default slot i uses bundled key i mod 16, so a
 * thousand providers start in milliseconds; each still gets its own
 * certificate. Keys are cached once derived.
 *
 * @example
 * const pool = createKeyPool();
 * const { privateKeyPem } = pool.key(3);
 */
export function createKeyPool(options: KeyPoolOptions = {}): KeyPool {
  const cache = new Map<number, KeyPair>();
  return {
    size: BUNDLED_RSA_KEYS.length,
    key(index) {
      const slot = options.unique ? index : index % BUNDLED_RSA_KEYS.length;
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
    },
  };
}
