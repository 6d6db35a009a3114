import { encode } from '../codec/index.js';
import { DS_DOMAIN_PATH, dsDomainResponse } from '../messages/index.js';
import { dsErrorResponse } from './error-response.js';

/** Default `Cache-Control: max-age` of the discovery answer (profile §11). */
export const DISCOVERY_MAX_AGE = 3600;

/**
 * `GET /.well-known/mimi/ds-domain` on the provider domain (transport draft
 * "Endpoint Discovery", profile §11): 200, application/octet-stream, a
 * TLS-serialized DSDomainResponse, cached for `maxAge` seconds.
 *
 * @example
 * if (url.pathname === DS_DOMAIN_PATH) return discoveryEndpoint(request, 'ds.alpha.test');
 */
export function discoveryEndpoint(request: Request, dsDomain: string, maxAge = DISCOVERY_MAX_AGE): Response {
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return dsErrorResponse('method_not_allowed', `${DS_DOMAIN_PATH} accepts GET`, { allow: 'GET, HEAD' });
  }
  const body = encode(dsDomainResponse, { ds_domain: dsDomain });
  return new Response(request.method === 'HEAD' ? null : body, {
    status: 200,
    headers: { 'content-type': 'application/octet-stream', 'cache-control': `max-age=${maxAge}`, 'content-length': String(body.length) },
  });
}
