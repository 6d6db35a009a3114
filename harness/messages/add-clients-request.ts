import { mlsMessage, struct, vectorV, type ValueOf } from '../codec/index.js';
import { mlsGroupUpdate } from './mls-group-update.js';

/**
 * `struct { MLSGroupUpdate group_update; MLSMessage welcome_messages<V>; } AddClientsRequest;`
 * (DS draft, "Add clients to a group"): one Welcome per guest DS involved.
 *
 * @example
 * decode(addClientsRequest, bytes).welcome_messages.length
 */
export const addClientsRequest = struct('AddClientsRequest', { group_update: mlsGroupUpdate, welcome_messages: vectorV(mlsMessage, { maxElements: 3 }) });
export type AddClientsRequest = ValueOf<typeof addClientsRequest>;
