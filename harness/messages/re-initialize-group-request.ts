import { struct, type ValueOf } from '../codec/index.js';
import { mlsGroupUpdate } from './mls-group-update.js';

/**
 * `struct { MLSGroupUpdate commit; } ReInitializeGroupRequest;` (DS draft,
 * "ReInitialize a group"; the draft names this field `commit`).
 *
 * @example
 * decode(reInitializeGroupRequest, bytes).commit.partial_group_info
 */
export const reInitializeGroupRequest = struct('ReInitializeGroupRequest', { commit: mlsGroupUpdate });
export type ReInitializeGroupRequest = ValueOf<typeof reInitializeGroupRequest>;
