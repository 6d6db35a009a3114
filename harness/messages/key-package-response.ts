import { enumeration, keyPackage, select, struct, uint8, vectorV } from '../codec/index.js';
import { dsError } from './ds-error.js';
import { dsProtocolVersion } from './protocol-version.js';

/** `enum { ok(0), error(1) } KeyPackageResponseType;` as uint8. */
export const KeyPackageResponseType = { ok: 0, error: 1 } as const;

/**
 * The layout of both key package responses (profile §5):
 * ```
 * struct {
 *   KeyPackageResponseType response_type;
 *   select (response_type) {
 *     case ok: KeyPackage key_packages<V>;
 *     case error: DSError error;
 *   };
 * } <Name>Body;
 *
 * struct {
 *   DSProtocolVersion protocol_version;
 *   <Name>Body response_body;
 * } <Name>;
 * ```
 *
 * @example
 * const groupKeyPackageResponse = keyPackageResponse('GroupKeyPackageResponse');
 */
export function keyPackageResponse(name: string) {
  return struct(name, {
    protocol_version: dsProtocolVersion,
    response_body: select(`${name}Body`, 'response_type', enumeration('KeyPackageResponseType', uint8, KeyPackageResponseType), {
      ok: { key_packages: vectorV(keyPackage, { maxElements: 3 }) },
      error: { error: dsError },
    }),
  });
}
