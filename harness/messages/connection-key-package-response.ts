import type { ValueOf } from '../codec/index.js';
import { keyPackageResponse } from './key-package-response.js';

/**
 * Profile §5: the answer of `POST /connection_key_packages`: connection
 * KeyPackages (marked with the connection extension, profile §12) of every
 * client of the user, or a DSError.
 *
 * @example
 * decode(connectionKeyPackageResponse, bytes).response_body.response_type
 */
export const connectionKeyPackageResponse = keyPackageResponse('ConnectionKeyPackageResponse');
export type ConnectionKeyPackageResponse = ValueOf<typeof connectionKeyPackageResponse>;
