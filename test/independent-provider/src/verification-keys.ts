import { decode, encode } from 'mimi-transport-harness/codec';
import { verificationKeyRequest, verificationKeyResponse, type SignatureScheme } from 'mimi-transport-harness/messages';
import { isAllowedScheme, verifyWithLabel, verifyWithLabelAs } from 'mimi-transport-harness/mls';
import { peerRequest, type Peers } from './peers.js';

/** At most this long a fetched key is trusted before it is fetched again (profile §5 "Lifetime"). */
const KEY_LIFETIME_MS = 60 * 60 * 1000;

interface CachedKey {
  readonly scheme: SignatureScheme;
  readonly key: Uint8Array;
  readonly until: number;
}

/**
 * The other DSs' verification keys (profile §5, §6 step 2): fetched with `GET https://<sender>/verification_key`,
 * kept for at most an hour; a response for another domain or with a scheme outside the profile is discarded; a
 * signature that fails with a cached key is checked once more with a freshly fetched one (key rotation).
 *
 * @example
 * const keys = createKeyCache(() => peers, 'ds.indie.test', ownPublicKey);
 * await keys.verify('ds.peer-a.test', 'MIMI DSFanoutRequest', tbs, signature); // true
 */
export function createKeyCache(peers: () => Peers, ownDsDomain: string, ownPublicKey: Uint8Array) {
  const cache = new Map<string, CachedKey>();
  async function fetchKey(sender: string): Promise<CachedKey | undefined> {
    const request = encode(verificationKeyRequest, { protocol_version: 1, sender: ownDsDomain, recipient: sender });
    let answer;
    try {
      answer = await peerRequest(peers(), sender, 'GET', '/verification_key', request);
    } catch {
      return undefined;
    }
    if (answer.status !== 200) return undefined;
    try {
      const response = decode(verificationKeyResponse, answer.body);
      if (response.domain !== sender || !isAllowedScheme(response.signature_scheme)) return undefined;
      const fetched = { scheme: response.signature_scheme, key: response.verification_key, until: Date.now() + KEY_LIFETIME_MS };
      cache.set(sender, fetched);
      return fetched;
    } catch {
      return undefined;
    }
  }
  return {
    async verify(sender: string, label: string, content: Uint8Array, signature: Uint8Array): Promise<boolean> {
      if (sender === ownDsDomain) return verifyWithLabel(ownPublicKey, label, content, signature);
      const cached = cache.get(sender);
      if (cached !== undefined && cached.until > Date.now() && (await verifyWithLabelAs(cached.scheme, cached.key, label, content, signature))) return true;
      if (cached !== undefined) cache.delete(sender);
      const fresh = await fetchKey(sender);
      return fresh !== undefined && verifyWithLabelAs(fresh.scheme, fresh.key, label, content, signature);
    },
  };
}

/** The key cache of {@link createKeyCache}. */
export type KeyCache = ReturnType<typeof createKeyCache>;
