import { leafNode, mlsMessage, opaqueV, struct, type ValueOf } from '../codec/index.js';

/**
 * `struct { opaque group_id<V>; LeafNode leaf_node; MLSMessage group_info; } CreateGroupRequest;`
 * (DS draft, "Create group"; the draft's field `LeafNode LeafNode` is named
 * `leaf_node` here, profile §9).
 *
 * @example
 * decode(createGroupRequest, bytes).leaf_node.value.signaturePublicKey
 */
export const createGroupRequest = struct('CreateGroupRequest', { group_id: opaqueV, leaf_node: leafNode, group_info: mlsMessage });
export type CreateGroupRequest = ValueOf<typeof createGroupRequest>;
