import { decode, leafNode } from '../codec/index.js';
import type { DSRequest } from '../messages/index.js';
import { createMimiGroup, leafNodeBytes, toWire, type OwnKeyPackage } from '../mls/index.js';
import { signedDsRequest } from '../provider/index.js';
import { embedded, type VirtualClient } from '../scenario/index.js';
import type { CheckContext } from './check.js';
import { groupIdAndExtensions } from './gap-b-create.js';

/**
 * A CreateGroup for the target's DS as a harness creator builds it (a group
 * id from `ds_request_group_id`, mimi_group_context, the target in
 * `external_senders`), but from the creator's given KeyPackage: its LeafNode
 * is the request's `leaf_node` and the GroupInfo is signed over a tree of
 * it, so the request is consistent and only what the KeyPackage carries
 * (e.g. a LeafNode without mimi_supported_versions, profile §12) can be
 * wrong.
 *
 * @example
 * const { groupId, request } = await craftCreateGroupFrom(ctx, alice, unversionedKeyPackage);
 */
export async function craftCreateGroupFrom(ctx: CheckContext, creator: VirtualClient, keyPackage: OwnKeyPackage): Promise<{ groupId: Uint8Array; request: DSRequest }> {
  const { groupId, extensions } = await groupIdAndExtensions(ctx, creator);
  const { groupInfo } = await createMimiGroup(creator.identity, keyPackage, groupId, extensions);
  const request = await signedDsRequest(creator.identity.signatureKeyPair.signKey, { request_type: 'ds_create_group', create_group_request: { group_id: groupId, leaf_node: decode(leafNode, leafNodeBytes(keyPackage)), group_info: embedded(toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo })) } }, 0);
  return { groupId, request };
}
