import https from 'node:https';
import { decode, encode } from '../codec/index.js';
import { verificationKeyRequest, verificationKeyResponse } from '../messages/index.js';
import { verifyWithLabel } from '../mls/index.js';

/** Fetches other providers' verification keys and verifies their signatures with them (profile §6, §7). */
export interface VerificationKeys {
  /**
   * Verifies `signature` over `content` with `label` under `sender`'s key:
   * with the cached key first and, if that fails, once more with a freshly
   * fetched key (so that key rotation works).
   */
  verify(sender: string, label: string, content: Uint8Array, signature: Uint8Array): Promise<boolean>;
  /** How many keys were fetched so far (caching is observable). */
  readonly fetches: number;
}

/**
 * `GET https://<sender>/verification_key` with a VerificationKeyRequest body,
 * sent through node:https with Content-Length: the draft's GET-with-body
 * form, which `fetch` cannot send.
 */
function fetchKey(ownDsDomain: string, sender: string): Promise<Uint8Array> {
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
          resolve(answer.verification_key);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    });
    request.on('error', reject);
    request.end(body);
  });
}

/** @example const keys = createVerificationKeys('ds.alpha.test'); await keys.verify('ds.beta.test', label, tbs, signature) */
export function createVerificationKeys(ownDsDomain: string): VerificationKeys {
  const cache = new Map<string, Uint8Array>();
  let fetches = 0;
  const fresh = async (sender: string): Promise<Uint8Array | undefined> => {
    fetches += 1;
    try {
      const key = await fetchKey(ownDsDomain, sender);
      cache.set(sender, key);
      return key;
    } catch {
      return undefined;
    }
  };
  return {
    get fetches() {
      return fetches;
    },
    async verify(sender, label, content, signature) {
      const cached = cache.get(sender);
      if (cached !== undefined && (await verifyWithLabel(cached, label, content, signature))) return true;
      const key = await fresh(sender);
      return key !== undefined && verifyWithLabel(key, label, content, signature);
    },
  };
}
