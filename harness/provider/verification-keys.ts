import https from 'node:https';
import { decode, encode } from '../codec/index.js';
import { verificationKeyRequest, verificationKeyResponse, type SignatureScheme } from '../messages/index.js';
import { isAllowedScheme, verifyWithLabelAs } from '../mls/index.js';
import { realClock, type ProviderClock } from './clock.js';

/** How long a fetched verification key is used before it is fetched again (profile §5): one hour on the provider's clock. */
export const VERIFICATION_KEY_LIFETIME_MS = 60 * 60 * 1000;

/** Fetches other providers' verification keys and verifies their signatures with them (profile §5, §6, §7). */
export interface VerificationKeys {
  /**
   * Verifies `signature` over `content` with `label` under `sender`'s key, in
   * the SignatureScheme its VerificationKeyResponse named: with the cached key
   * first (while it is younger than the lifetime) and, if that fails, once
   * more with a freshly fetched key (so that key rotation works).
   */
  verify(sender: string, label: string, content: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** How many keys were fetched so far (caching is observable). */
  readonly fetches: number;
  /** Why fetched answers were discarded, oldest first (wrong domain, a scheme the profile does not allow, ...). */
  readonly discarded: readonly string[];
}

/** Options of {@link createVerificationKeys}. */
export interface VerificationKeysOptions {
  /** The provider's clock, on which cached keys expire (default: real time). */
  readonly clock?: ProviderClock;
  /** Default {@link VERIFICATION_KEY_LIFETIME_MS}. */
  readonly lifetimeMs?: number;
  /** Planted bug (ProviderDefects.verificationKeyByFetch): fetch keys with `fetch` and a GET body, which fetch refuses. */
  readonly byFetch?: boolean;
  /** Whether a signature that fails with a cached key is checked again with a fresh one (default true; false only for a planted bug). */
  readonly refetchOnFailure?: boolean;
}

/** Discard reasons kept (the oldest go first), so that a flood of bad answers cannot grow memory. */
const MAX_DISCARDED = 100;

interface VerificationKey {
  readonly scheme: SignatureScheme;
  readonly key: Uint8Array;
}

/**
 * `GET https://<sender>/verification_key` with a VerificationKeyRequest body,
 * sent through node:https with Content-Length: the draft's GET-with-body
 * form, which `fetch` cannot send. An answer for another domain, or with a
 * scheme profile §5 does not allow, is discarded (rejected).
 */
function fetchKey(ownDsDomain: string, sender: string): Promise<VerificationKey> {
  const body = encode(verificationKeyRequest, { protocol_version: 1, sender: ownDsDomain, recipient: sender });
  return new Promise((resolve, reject) => {
    const request = https.request(`https://${sender}/verification_key`, { method: 'GET', headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) } }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        try {
          if (response.statusCode !== 200) throw new Error(`${sender} answered ${response.statusCode ?? '?'} for its verification key`);
          const answer = decode(verificationKeyResponse, new Uint8Array(Buffer.concat(chunks)), { rootName: 'VerificationKeyResponse' });
          if (answer.domain !== sender) throw new Error(`${sender} answered with the key of ${answer.domain}`);
          if (!isAllowedScheme(answer.signature_scheme)) throw new Error(`${sender} answered a ${answer.signature_scheme} key, which profile §5 does not allow`);
          resolve({ scheme: answer.signature_scheme, key: answer.verification_key });
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * Planted bug (ProviderDefects.verificationKeyByFetch): the draft's GET with
 * a body sent through `fetch`, which refuses it (undici's TypeError, which the
 * harness's network reproduces and records as a finding); no POST fallback.
 */
async function fetchKeyByFetch(ownDsDomain: string, sender: string): Promise<VerificationKey> {
  const body = encode(verificationKeyRequest, { protocol_version: 1, sender: ownDsDomain, recipient: sender });
  const response = await fetch(`https://${sender}/verification_key`, { method: 'GET', headers: { 'content-type': 'application/octet-stream' }, body });
  const answer = decode(verificationKeyResponse, new Uint8Array(await response.arrayBuffer()), { rootName: 'VerificationKeyResponse' });
  return { scheme: answer.signature_scheme, key: answer.verification_key };
}

/** @example const keys = createVerificationKeys('ds.alpha.test', { clock: network.clock }); await keys.verify('ds.beta.test', label, tbs, signature) */
export function createVerificationKeys(ownDsDomain: string, options: VerificationKeysOptions = {}): VerificationKeys {
  const clock = options.clock ?? realClock;
  const lifetime = options.lifetimeMs ?? VERIFICATION_KEY_LIFETIME_MS;
  const cache = new Map<string, VerificationKey & { readonly fetchedAt: number }>();
  const discarded: string[] = [];
  let fetches = 0;
  const fresh = async (sender: string): Promise<VerificationKey | undefined> => {
    fetches += 1;
    try {
      const key = await (options.byFetch === true ? fetchKeyByFetch : fetchKey)(ownDsDomain, sender);
      cache.set(sender, { ...key, fetchedAt: clock.now() });
      return key;
    } catch (error) {
      // A key that cannot be had is no key: nothing new is cached, so the next request asks again.
      discarded.push(error instanceof Error ? error.message : String(error));
      if (discarded.length > MAX_DISCARDED) discarded.shift();
      return undefined;
    }
  };
  const check = (key: VerificationKey, label: string, content: Uint8Array, signature: Uint8Array) => verifyWithLabelAs(key.scheme, key.key, label, content, signature);
  return {
    get fetches() {
      return fetches;
    },
    get discarded() {
      return discarded;
    },
    async verify(sender, label, content, signature) {
      const cached = cache.get(sender);
      const young = cached !== undefined && clock.now() - cached.fetchedAt < lifetime;
      if (cached !== undefined && young && (await check(cached, label, content, signature))) return true;
      if (young && options.refetchOnFailure === false) return false;
      const key = await fresh(sender);
      return key !== undefined && check(key, label, content, signature);
    },
  };
}
