import type { ValueOf } from '../codec/index.js';
import { keyPackageResponse } from './key-package-response.js';

/**
 * Profile §5: the answer of `POST /group_key_packages`: one KeyPackage per
 * requested client, in request order, or a DSError.
 *
 * @example
 * decode(groupKeyPackageResponse, bytes).response_body.response_type
 */
export const groupKeyPackageResponse = keyPackageResponse('GroupKeyPackageResponse');
export type GroupKeyPackageResponse = ValueOf<typeof groupKeyPackageResponse>;
