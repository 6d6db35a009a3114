import { decode, DecodeError, encode } from 'mimi-transport-harness/codec';
import { DS_DOMAIN_PATH, dsDomainResponse } from 'mimi-transport-harness/messages';
import { ok, type Answer } from './protocol-error.js';
import { peerRequest, type Peers } from './peers.js';

/** How long this provider says its discovery answer may be cached (profile §11). */
const OWN_MAX_AGE_SECONDS = 3600;

/**
 * `GET /.well-known/mimi/ds-domain` on the provider domain (transport draft "Endpoint Discovery", profile §11).
 *
 * The same answer serves HEAD: Node's server sends its headers (Content-Length included) and leaves out the body.
 *
 * @example
 * const answer = discoveryAnswer('ds.indie.test');
 */
export function discoveryAnswer(dsDomain: string): Answer {
  return ok(encode(dsDomainResponse, { ds_domain: dsDomain }), { 'cache-control': `max-age=${OWN_MAX_AGE_SECONDS}` });
}

/** max-age of Cache-Control, else 3600 s, never above 86400 s (profile §11). */
function cacheSeconds(header: string | string[] | undefined): number {
  const text = Array.isArray(header) ? header.join(',') : (header ?? '');
  const match = /max-age=(\d+)/i.exec(text);
  return Math.min(86_400, match?.[1] === undefined ? 3600 : Number(match[1]));
}

/**
 * Discovery of other providers' DS domains (profile §11): only a 200 with application/octet-stream and a body
 * that decodes is an answer; it is cached for its max-age; a bad answer throws with the reason and is not cached.
 *
 * @example
 * const discovery = createDiscovery(() => peers, 'indie.test', 'ds.indie.test');
 * await discovery.dsDomainOf('peer-a.test'); // 'ds.peer-a.test'
 */
export function createDiscovery(peers: () => Peers, ownDomain: string, ownDsDomain: string) {
  const cache = new Map<string, { dsDomain: string; until: number }>();
  return {
    async dsDomainOf(domain: string): Promise<string> {
      if (domain === ownDomain) return ownDsDomain;
      const hit = cache.get(domain);
      if (hit !== undefined && hit.until > Date.now()) return hit.dsDomain;
      const answer = await peerRequest(peers(), domain, 'GET', DS_DOMAIN_PATH);
      if (answer.status !== 200) throw new Error(`discovery of ${domain}: status ${answer.status}`);
      const type = String(answer.headers['content-type'] ?? '').split(';')[0]?.trim();
      if (type !== 'application/octet-stream') throw new Error(`discovery of ${domain}: content-type ${type ?? ''}`);
      let dsDomain: string;
      try {
        dsDomain = decode(dsDomainResponse, answer.body).ds_domain;
      } catch (error) {
        if (error instanceof DecodeError) throw new Error(`discovery of ${domain}: ${error.message}`, { cause: error });
        throw error;
      }
      cache.set(domain, { dsDomain, until: Date.now() + cacheSeconds(answer.headers['cache-control']) * 1000 });
      return dsDomain;
    },
  };
}

/** The discovery client of {@link createDiscovery}. */
export type Discovery = ReturnType<typeof createDiscovery>;
