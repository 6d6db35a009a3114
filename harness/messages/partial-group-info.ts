import { opaqueV, struct, vectorV, type ValueOf } from '../codec/index.js';
import { extension } from './extension.js';

/**
 * `struct { Extension group_info_extensions<V>; opaque signature<V>; } PartialGroupInfo;`
 * (DS draft, "DS assisted joining"): the parts of the new epoch's GroupInfo
 * a DS cannot compute itself.
 *
 * @example
 * encode(partialGroupInfo, { group_info_extensions: [], signature: new Uint8Array(64) })
 */
export const partialGroupInfo = struct('PartialGroupInfo', { group_info_extensions: vectorV(extension), signature: opaqueV });
export type PartialGroupInfo = ValueOf<typeof partialGroupInfo>;
