import type { ValueOf } from '../codec/index.js';
import { keyPackagesRequest } from './key-packages-request.js';
import { signedProviderRequest } from './signed-provider-request.js';

const frame = signedProviderRequest('GroupKeyPackageRequest', keyPackagesRequest);

/** Label for `SignWithLabel` over GroupKeyPackageRequestTBS (profile §7). */
export const GROUP_KEY_PACKAGE_REQUEST_LABEL = frame.label;

/**
 * Profile §5: the body of `POST /group_key_packages`, a signed frame (see
 * `signedProviderRequest`) around KeyPackagesRequest.
 *
 * @example
 * decode(groupKeyPackageRequest, bytes).request.client_identifiers
 */
export const groupKeyPackageRequest = frame.request;
export type GroupKeyPackageRequest = ValueOf<typeof groupKeyPackageRequest>;

/** Everything GroupKeyPackageRequest signs. @example encode(groupKeyPackageRequestTbs, tbs) */
export const groupKeyPackageRequestTbs = frame.tbs;
export type GroupKeyPackageRequestTbs = ValueOf<typeof groupKeyPackageRequestTbs>;
