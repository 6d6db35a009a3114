import { struct, type ValueOf } from '../codec/index.js';
import { userId } from './user-id.js';

/**
 * `struct { UserID user_identifier; } ConnectionKeyPackagesRequest;` (DS draft,
 * "Fetch connection KeyPackages of one or more clients").
 *
 * @example
 * encode(connectionKeyPackagesRequest, { user_identifier: { user_name: 'bob', domain: 'beta.test' } })
 */
export const connectionKeyPackagesRequest = struct('ConnectionKeyPackagesRequest', { user_identifier: userId });
export type ConnectionKeyPackagesRequest = ValueOf<typeof connectionKeyPackagesRequest>;
