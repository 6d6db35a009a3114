import { opaqueV, struct, type ValueOf } from '../codec/index.js';

/**
 * Profile addition (§4): `struct { opaque group_id<V>; } ExternalCommitInfoRequest;`
 * for `GET /external_commit_information` (anonymous; rate limited per group).
 *
 * @example
 * encode(externalCommitInfoRequest, { group_id: gid })
 */
export const externalCommitInfoRequest = struct('ExternalCommitInfoRequest', { group_id: opaqueV });
export type ExternalCommitInfoRequest = ValueOf<typeof externalCommitInfoRequest>;
