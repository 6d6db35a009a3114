import type { ValueOf } from '../codec/index.js';
import { groupUpdateRequest } from './mls-group-update.js';

/**
 * `struct { MLSGroupUpdate group_update; } RemoveUsersRequest;` (DS draft, "Remove users from a group").
 *
 * @example
 * decode(removeUsersRequest, bytes).group_update.commit
 */
export const removeUsersRequest = groupUpdateRequest('RemoveUsersRequest');
export type RemoveUsersRequest = ValueOf<typeof removeUsersRequest>;
