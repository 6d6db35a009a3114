import { struct, vectorV, type ValueOf } from '../codec/index.js';
import { clientId } from './client-id.js';

/**
 * `struct { ClientID client_identifiers<V>; } KeyPackagesRequest;` (DS draft,
 * "Fetch KeyPackages of one or more clients").
 *
 * @example
 * encode(keyPackagesRequest, { client_identifiers: [] })
 */
export const keyPackagesRequest = struct('KeyPackagesRequest', { client_identifiers: vectorV(clientId) });
export type KeyPackagesRequest = ValueOf<typeof keyPackagesRequest>;
