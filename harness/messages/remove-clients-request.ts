import type { ValueOf } from '../codec/index.js';
import { groupUpdateRequest } from './mls-group-update.js';

/**
 * `struct { MLSGroupUpdate group_update; } RemoveClientsRequest;` (DS draft, "Remove clients from a group").
 *
 * @example
 * decode(removeClientsRequest, bytes).group_update.commit
 */
export const removeClientsRequest = groupUpdateRequest('RemoveClientsRequest');
export type RemoveClientsRequest = ValueOf<typeof removeClientsRequest>;
