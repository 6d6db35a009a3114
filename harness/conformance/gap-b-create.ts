import { decode, leafNode } from '../codec/index.js';
import type { DSRequest } from '../messages/index.js';
import { createKeyPackage, createMimiGroup, dsCredential, externalSendersExtension, leafNodeBytes, mimiGroupContextExtension, toWire } from '../mls/index.js';
import { signedDsRequest } from '../provider/index.js';
import { embedded, postDsRequest, type VirtualClient } from '../scenario/index.js';
import type { CheckContext, CheckVerdict } from './check.js';
import { judgeCreateRefusal } from './ds-craft.js';
import type { PermittedRefusal } from './unchanged.js';

/** The GroupContext extensions a harness creator sets (profile §12), as a list. */
type Extensions = Parameters<typeof createMimiGroup>[3];
/** The GroupInfo a creator signs, as CreateGroup carries it. */
type GroupInfoValue = Awaited<ReturnType<typeof createMimiGroup>>['groupInfo'];

/** One flaw in a CreateGroup's GroupInfo (DS draft "Create group"; profile §12); none is a valid request. */
export interface GroupInfoFlaw {
  /** Changes the GroupContext extensions before the creator builds and signs the group (default: mimi_group_context and the DS as external sender). */
  readonly extensions?: (extensions: Extensions) => Extensions;
  /** Changes the signed GroupInfo afterwards (its signature then no longer verifies, unless the edit keeps it). */
  readonly editGroupInfo?: (groupInfo: GroupInfoValue) => GroupInfoValue;
}

/**
 * A CreateGroup for the target's DS as {@link craftCreateGroup} builds it,
 * but with a flaw in the GroupInfo: the extensions the creator signs, or the
 * signed GroupInfo itself.
 *
 * @example
 * const { groupId, request } = await craftGroupInfoFlaw(ctx, alice, { extensions: (e) => e.slice(1) });
 */
export async function craftGroupInfoFlaw(ctx: CheckContext, creator: VirtualClient, flaw: GroupInfoFlaw): Promise<{ groupId: Uint8Array; request: DSRequest }> {
  const { groupId, extensions: base } = await groupIdAndExtensions(ctx, creator);
  const kp = await createKeyPackage(creator.identity);
  const { groupInfo } = await createMimiGroup(creator.identity, kp, groupId, flaw.extensions === undefined ? base : flaw.extensions(base));
  const sent = flaw.editGroupInfo === undefined ? groupInfo : flaw.editGroupInfo(groupInfo);
  const request = await signedDsRequest(creator.identity.signatureKeyPair.signKey, { request_type: 'ds_create_group', create_group_request: { group_id: groupId, leaf_node: decode(leafNode, leafNodeBytes(kp)), group_info: embedded(toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo: sent })) } }, 0);
  return { groupId, request };
}

/**
 * A CreateGroup with a flawed GroupInfo judged from outside, as
 * `createRefused` judges other flaws: refused with a permitted code, no
 * fan-out, no group served under its id, then a valid CreateGroup by the
 * same creator accepted.
 *
 * @example
 * return groupInfoRefused(ctx, alice, { extensions: (e) => e.slice(1) }, [{ status: 422, code: 'invalid_group_info' }], 'a CreateGroup without mimi_group_context');
 */
export async function groupInfoRefused(ctx: CheckContext, creator: VirtualClient, flaw: GroupInfoFlaw, permitted: readonly PermittedRefusal[], what: string): Promise<CheckVerdict> {
  return judgeCreateRefusal(ctx, creator, await craftGroupInfoFlaw(ctx, creator, flaw), permitted, what);
}

/**
 * What a creator asks the target's DS before a CreateGroup: a group id
 * (`ds_request_group_id`) and the DS's signature key, and from them the
 * GroupContext extensions every MIMI group has: mimi_group_context (regular,
 * version 1) and external_senders naming the DS (profile §12).
 *
 * @example
 * const { groupId, extensions } = await groupIdAndExtensions(ctx, alice);
 */
export async function groupIdAndExtensions(ctx: CheckContext, creator: VirtualClient): Promise<{ groupId: Uint8Array; extensions: Extensions }> {
  const ds = ctx.target.dsDomain;
  const anonymous = { auth_type: 'anonymous' } as const;
  const idBody = await postDsRequest(ctx.network, creator.provider.domain, ds, '/group_operation', { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: anonymous });
  const keyBody = await postDsRequest(ctx.network, creator.provider.domain, ds, '/group_operation', { version: 1, request_body: { request_type: 'ds_signature_public_key' }, authentication_data: anonymous });
  if (idBody.response_type !== 'group_id' || keyBody.response_type !== 'signature_public_key') throw new Error('the target did not answer with a group id and its key');
  const groupId = idBody.group_id;
  return { groupId, extensions: [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' }), externalSendersExtension([{ signaturePublicKey: keyBody.signature_public_key, credential: dsCredential(ds) }])] };
}
