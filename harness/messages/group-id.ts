import { opaqueRange, struct, type ValueOf } from '../codec/index.js';
import { fqdn } from './fqdn.js';

/**
 * The content of an MLS group_id issued by a MIMI DS (profile §2):
 * `struct { FQDN ds_domain; opaque local_id<1..255>; } MimiGroupId;`,
 * serialized into the `opaque group_id<V>` of MLS and of the DS structs.
 * The embedded domain tells any party which DS owns the group.
 *
 * @example
 * encode(mimiGroupId, { ds_domain: 'ds.alpha.test', local_id: new Uint8Array(16) })
 */
export const mimiGroupId = struct('MimiGroupId', { ds_domain: fqdn, local_id: opaqueRange(1, 255) });
export type MimiGroupId = ValueOf<typeof mimiGroupId>;
