import { mlsMessage, struct, vectorV, type ValueOf } from '../codec/index.js';
import { mlsGroupUpdate } from './mls-group-update.js';

/**
 * `struct { MLSGroupUpdate group_update; MLSMessage welcome_messages<V>; } AddUsersRequest;`
 * (DS draft, "Add users to a group"): one Welcome per guest DS involved.
 *
 * @example
 * decode(addUsersRequest, bytes).welcome_messages.length
 */
export const addUsersRequest = struct('AddUsersRequest', { group_update: mlsGroupUpdate, welcome_messages: vectorV(mlsMessage, { maxElements: 3 }) });
export type AddUsersRequest = ValueOf<typeof addUsersRequest>;
