import { struct, type ValueOf } from '../codec/index.js';
import { fqdn } from './fqdn.js';

/** Path of the discovery endpoint on a provider domain (transport draft, "Endpoint Discovery"). */
export const DS_DOMAIN_PATH = '/.well-known/mimi/ds-domain';

/**
 * Profile §11: `struct { FQDN ds_domain; } DSDomainResponse;`, the body of a
 * 200 answer to `GET /.well-known/mimi/ds-domain` (application/octet-stream,
 * cached for the response's `Cache-Control: max-age`).
 *
 * @example
 * encode(dsDomainResponse, { ds_domain: 'ds.alpha.test' })
 */
export const dsDomainResponse = struct('DSDomainResponse', { ds_domain: fqdn });
export type DSDomainResponse = ValueOf<typeof dsDomainResponse>;
