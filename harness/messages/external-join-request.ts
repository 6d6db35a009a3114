import type { ValueOf } from '../codec/index.js';
import { groupUpdateRequest } from './mls-group-update.js';

/**
 * `struct { MLSGroupUpdate group_update; } ExternalJoinRequest;` (DS draft, "Join the group using an external commit").
 *
 * @example
 * decode(externalJoinRequest, bytes).group_update.commit
 */
export const externalJoinRequest = groupUpdateRequest('ExternalJoinRequest');
export type ExternalJoinRequest = ValueOf<typeof externalJoinRequest>;
