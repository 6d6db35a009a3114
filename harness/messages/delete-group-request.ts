import type { ValueOf } from '../codec/index.js';
import { groupUpdateRequest } from './mls-group-update.js';

/**
 * `struct { MLSGroupUpdate group_update; } DeleteGroupRequest;` (DS draft, "Delete group").
 *
 * @example
 * decode(deleteGroupRequest, bytes).group_update.commit
 */
export const deleteGroupRequest = groupUpdateRequest('DeleteGroupRequest');
export type DeleteGroupRequest = ValueOf<typeof deleteGroupRequest>;
