import type { ValueOf } from '../codec/index.js';
import { groupUpdateRequest } from './mls-group-update.js';

/**
 * `struct { MLSGroupUpdate group_update; } UpdateClientRequest;` (DS draft, "Update a client in a group").
 *
 * @example
 * decode(updateClientRequest, bytes).group_update.commit
 */
export const updateClientRequest = groupUpdateRequest('UpdateClientRequest');
export type UpdateClientRequest = ValueOf<typeof updateClientRequest>;
