import { DS_DOMAIN_PATH, ENDPOINTS } from '../messages/index.js';
import { discoveryEndpoint } from './discovery-endpoint.js';
import { dsErrorResponse, type ErrorCarrier } from './error-response.js';

/** A provider's two names. */
export interface ProviderNames {
  readonly domain: string;
  readonly dsDomain: string;
}

/**
 * A stand-in provider until the reference provider exists: it serves
 * discovery on its provider domain and answers every endpoint of the
 * transport draft with a clear `unavailable` error (and unknown paths with
 * `not_found`), always as a decodable DSResponse.
 *
 * @example
 * const handler = placeholderProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test' });
 */
export function placeholderProvider(names: ProviderNames): (request: Request) => Promise<Response> {
  return (request) => {
    const url = new URL(request.url);
    if (url.pathname === DS_DOMAIN_PATH && url.hostname === names.domain) return Promise.resolve(discoveryEndpoint(request, names.dsDomain));
    const endpoint = ENDPOINTS.find((e) => e.path === url.pathname);
    if (endpoint === undefined) return Promise.resolve(dsErrorResponse('not_found', `no endpoint ${url.pathname} on ${url.hostname}`));
    const carrier = endpoint.errorResponse as ErrorCarrier;
    return Promise.resolve(dsErrorResponse('unavailable', `${endpoint.method} ${endpoint.path} is not implemented by the placeholder provider of ${names.domain} yet`, {}, carrier));
  };
}
