import type { ValueOf } from '../codec/index.js';
import { connectionKeyPackagesRequest } from './connection-key-packages-request.js';
import { signedProviderRequest } from './signed-provider-request.js';

const frame = signedProviderRequest('ConnectionKeyPackageRequest', connectionKeyPackagesRequest);

/** Label for `SignWithLabel` over ConnectionKeyPackageRequestTBS (profile §7). */
export const CONNECTION_KEY_PACKAGE_REQUEST_LABEL = frame.label;

/**
 * Profile §5: the body of `POST /connection_key_packages`, a signed frame
 * (see `signedProviderRequest`) around ConnectionKeyPackagesRequest.
 *
 * @example
 * decode(connectionKeyPackageRequest, bytes).request.user_identifier
 */
export const connectionKeyPackageRequest = frame.request;
export type ConnectionKeyPackageRequest = ValueOf<typeof connectionKeyPackageRequest>;

/** Everything ConnectionKeyPackageRequest signs. @example encode(connectionKeyPackageRequestTbs, tbs) */
export const connectionKeyPackageRequestTbs = frame.tbs;
export type ConnectionKeyPackageRequestTbs = ValueOf<typeof connectionKeyPackageRequestTbs>;
