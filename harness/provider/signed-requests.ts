import { encode } from '../codec/index.js';
import {
  CONNECTION_KEY_PACKAGE_REQUEST_LABEL,
  connectionKeyPackageRequest,
  connectionKeyPackageRequestTbs,
  GROUP_KEY_PACKAGE_REQUEST_LABEL,
  groupKeyPackageRequest,
  groupKeyPackageRequestTbs,
  type ConnectionKeyPackageRequestTbs,
  type GroupKeyPackageRequestTbs,
} from '../messages/index.js';
import { signWithLabel } from '../mls/index.js';

/**
 * A signed GroupKeyPackageRequest, encoded (profile §5, §7).
 *
 * @example
 * const body = await signedGroupKeyPackageRequest(beta.signingKey.signKey, { protocol_version: 1, sender: 'ds.beta.test', ... });
 */
export async function signedGroupKeyPackageRequest(signKey: Uint8Array, fields: GroupKeyPackageRequestTbs): Promise<Uint8Array> {
  const signature = await signWithLabel(signKey, GROUP_KEY_PACKAGE_REQUEST_LABEL, encode(groupKeyPackageRequestTbs, fields));
  return encode(groupKeyPackageRequest, { ...fields, signature });
}

/** A signed ConnectionKeyPackageRequest, encoded (profile §5, §7). */
export async function signedConnectionKeyPackageRequest(signKey: Uint8Array, fields: ConnectionKeyPackageRequestTbs): Promise<Uint8Array> {
  const signature = await signWithLabel(signKey, CONNECTION_KEY_PACKAGE_REQUEST_LABEL, encode(connectionKeyPackageRequestTbs, fields));
  return encode(connectionKeyPackageRequest, { ...fields, signature });
}
