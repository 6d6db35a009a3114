import { decode, DecodeError, toHex } from 'mimi-transport-harness/codec';
import { MimiExtensionType, mimiGroupContext, mimiGroupId, type CreateGroupRequest, type DSRequest } from 'mimi-transport-harness/messages';
import { bootstrapFromCreateGroup, creatorLeafProblem, groupInfoIn, readExternalSenders, signatureKeyOf, type DsGroup } from 'mimi-transport-harness/mls';
import type { ProviderContext } from './context.js';
import { checkClientSignature, tracked } from './ds-refusal.js';
import { ProtocolError } from './protocol-error.js';

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Profile §12: the group lists this DS, with its key, in external_senders (`invalid_group_info`). */
function requireDsAsExternalSender(ctx: ProviderContext, group: DsGroup): void {
  const extension = group.groupContext.extensions.find((e) => e.extensionType === 'external_senders');
  const senders = extension === undefined ? undefined : readExternalSenders(extension.extensionData);
  const identity = new TextEncoder().encode(ctx.dsDomain);
  const listed = senders?.some((s) => s.credential.credentialType === 'basic' && sameBytes(s.credential.identity, identity) && sameBytes(s.signaturePublicKey, ctx.keys.publicKey));
  if (listed !== true) throw new ProtocolError('invalid_group_info', `the group must list ${ctx.dsDomain} with its signature key in external_senders (profile §12)`);
}

/** Profile §12: exactly one mimi_group_context that decodes strictly (`invalid_group_info`). */
function requireMimiGroupContext(group: DsGroup): void {
  const found = group.groupContext.extensions.filter((e) => e.extensionType === MimiExtensionType.mimi_group_context);
  const [only] = found;
  if (found.length !== 1 || only === undefined) throw new ProtocolError('invalid_group_info', `the group has ${found.length} mimi_group_context extensions, not one (profile §12)`);
  try {
    decode(mimiGroupContext, only.extensionData);
  } catch (error) {
    if (error instanceof DecodeError) throw new ProtocolError('invalid_group_info', `mimi_group_context is malformed: ${error.message} (profile §12)`);
    throw error;
  }
}

/**
 * `ds_create_group` (DS draft "Create group"; profile §2, §3, §8, §12): signed by the creator as leaf 0 with its
 * LeafNode's key; the group id a MimiGroupId naming this DS (`invalid_group_id`) and unused (`group_id_in_use`);
 * the LeafNode valid (`invalid_leaf_node`); the GroupInfo valid, with mimi_group_context and this DS as external
 * sender (`invalid_group_info`).
 *
 * @example
 * await createGroup(ctx, request, request.request_body.create_group_request);
 */
export async function createGroup(ctx: ProviderContext, request: DSRequest, body: CreateGroupRequest): Promise<void> {
  await checkClientSignature(request, signatureKeyOf(body.leaf_node.value), 0);
  let owner: string;
  try {
    owner = decode(mimiGroupId, body.group_id).ds_domain;
  } catch (error) {
    if (error instanceof DecodeError) throw new ProtocolError('invalid_group_id', `the group id is not a MimiGroupId: ${error.message}`);
    throw error;
  }
  if (owner !== ctx.dsDomain) throw new ProtocolError('invalid_group_id', `the group id names ${owner}, not ${ctx.dsDomain}`);
  const groupInfo = groupInfoIn(body.group_info.value);
  if (groupInfo === undefined) throw new ProtocolError('invalid_group_info', `group_info is a ${body.group_info.value.wireformat}, not a GroupInfo`);
  if (!sameBytes(groupInfo.groupContext.groupId, body.group_id)) throw new ProtocolError('invalid_group_info', 'the GroupInfo is for another group id');
  const leafProblem = await creatorLeafProblem(body.leaf_node.value, groupInfo.groupContext);
  if (leafProblem !== undefined) throw new ProtocolError('invalid_leaf_node', `the creator's LeafNode: ${leafProblem}`);
  const key = toHex(body.group_id);
  await ctx.exclusive(key, async () => {
    if (ctx.groups.has(key) || ctx.retired.has(key)) throw new ProtocolError('group_id_in_use', 'the group id is already in use');
    const group = await tracked(() => bootstrapFromCreateGroup(groupInfo, body.leaf_node.value));
    requireDsAsExternalSender(ctx, group);
    requireMimiGroupContext(group);
    ctx.groups.set(key, group);
  });
}
