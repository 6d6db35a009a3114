import { mlsMessage, struct, type ValueOf } from '../codec/index.js';
import { partialGroupInfo } from './partial-group-info.js';

/**
 * `struct { MLSMessage commit; PartialGroupInfo partial_group_info; } MLSGroupUpdate;`
 * (DS draft, "DS assisted joining"). `commit` must be a PublicMessage commit;
 * that is checked by the DS, not the codec.
 *
 * @example
 * decode(mlsGroupUpdate, bytes).commit.value.wireformat // 'mls_public_message'
 */
export const mlsGroupUpdate = struct('MLSGroupUpdate', { commit: mlsMessage, partial_group_info: partialGroupInfo });
export type MlsGroupUpdate = ValueOf<typeof mlsGroupUpdate>;

/**
 * A request body that is only a `MLSGroupUpdate group_update;` (DeleteGroup,
 * RemoveUsers, RemoveClients, UpdateClient, ExternalJoin).
 *
 * @example
 * const deleteGroupRequest = groupUpdateRequest('DeleteGroupRequest');
 */
export function groupUpdateRequest(name: string) {
  return struct(name, { group_update: mlsGroupUpdate });
}
