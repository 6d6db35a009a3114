import { decode, DecodeError, toHex } from '../../codec/index.js';
import { clientIdText, MimiExtensionType, mimiGroupContext, mimiGroupId, type CreateGroupRequest, type DSRequest } from '../../messages/index.js';
import { bootstrapFromCreateGroup, clientOfLeaf, creatorLeafProblem, DsRefusal, groupInfoIn, readExternalSenders, signatureKeyOf, type DsGroup } from '../../mls/index.js';
import { checkClientSignature } from '../client-signature.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** The group must name this DS in external_senders with its key (DS draft "DS-initiated operations", profile §12). */
function requireDsAsExternalSender(state: ProviderState, group: DsGroup): void {
  const extension = group.groupContext.extensions.find((e) => e.extensionType === 'external_senders');
  const senders = extension === undefined ? undefined : readExternalSenders(extension.extensionData);
  const identity = new TextEncoder().encode(state.dsDomain);
  const listed = senders?.some((s) => s.credential.credentialType === 'basic' && sameBytes(s.credential.identity, identity) && sameBytes(s.signaturePublicKey, state.verificationKey.publicKey));
  if (listed !== true) throw new ProviderError('invalid_group_info', `the group must list ${state.dsDomain} with its signature key in external_senders`);
}

/** Profile §12: exactly one `mimi_group_context`, a well-formed MimiGroupContext of DS protocol version 1 (the decoder refuses any other). */
function requireMimiGroupContext(group: DsGroup): void {
  const found = group.groupContext.extensions.filter((e) => e.extensionType === MimiExtensionType.mimi_group_context);
  if (found.length !== 1) throw new ProviderError('invalid_group_info', `the group has ${found.length === 0 ? 'no' : 'more than one'} mimi_group_context extension (profile §12)`);
  try {
    decode(mimiGroupContext, (found[0] as { extensionData: Uint8Array }).extensionData, { rootName: 'MimiGroupContext' });
  } catch (error) {
    if (error instanceof DecodeError) throw new ProviderError('invalid_group_info', `mimi_group_context is malformed or not DS protocol version 1: ${error.message} (profile §12)`);
    throw error;
  }
}

/**
 * CreateGroup (DS draft "Create group"): signed by the creator as leaf 0
 * (profile §8); the group id must be a MimiGroupId naming this DS and unused
 * (profile §2); the LeafNode must pass RFC 9420 §7.3 and carry
 * mimi_supported_versions (`invalid_leaf_node`, profile §3, §12); the
 * GroupInfo must be valid, the group must carry a well-formed
 * mimi_group_context of version 1 and the DS as external sender
 * (`invalid_group_info`).
 *
 * @example
 * await createGroup(state, request, request.request_body.create_group_request);
 */
export async function createGroup(state: ProviderState, request: DSRequest, body: CreateGroupRequest): Promise<void> {
  const auth = request.authentication_data;
  // Planted bug createGroupAnySenderIndex (issue 10 §4): any sender_index passes.
  await checkClientSignature(request, signatureKeyOf(body.leaf_node.value), state.defects.createGroupAnySenderIndex === true && auth.auth_type === 'client_signature' ? auth.sender_index : 0);
  let owner: string;
  try {
    owner = decode(mimiGroupId, body.group_id).ds_domain;
  } catch (error) {
    if (error instanceof DecodeError) throw new ProviderError('invalid_group_id', `the group id is not a MimiGroupId: ${error.message}`);
    throw error;
  }
  if (owner !== state.dsDomain && state.defects.acceptsForeignGroupIds !== true) throw new ProviderError('invalid_group_id', `the group id names ${owner}, not ${state.dsDomain}`);
  const key = toHex(body.group_id);
  const groupInfo = groupInfoIn(body.group_info.value);
  if (groupInfo === undefined) throw new ProviderError('invalid_group_info', `group_info is a ${body.group_info.value.wireformat}`);
  if (!sameBytes(groupInfo.groupContext.groupId, body.group_id)) throw new ProviderError('invalid_group_info', 'the GroupInfo is for another group id');
  // Planted bugs skipsCreatorLeafCheck (RFC 9420 §7.3) and skipsCreatorLeafVersionCheck (profile §12 mimi_supported_versions) each skip one part.
  const leafProblem = await creatorLeafProblem(body.leaf_node.value, groupInfo.groupContext, { rfc9420: state.defects.skipsCreatorLeafCheck !== true, supportedVersions: state.defects.skipsCreatorLeafVersionCheck !== true });
  if (leafProblem !== undefined) throw new ProviderError('invalid_leaf_node', `the creator's LeafNode: ${leafProblem}`);
  // One creation per id at a time, so that two racing creators cannot both win.
  await state.exclusive(key, async () => {
    checkIdFree(state, key, body);
    let group: DsGroup;
    try {
      group = await bootstrapFromCreateGroup(groupInfo, body.leaf_node.value);
    } catch (error) {
      // Planted bug (ProviderDefects.groupInfoSignatureAsInvalidSignature): the wrong code for a GroupInfo signature that does not verify.
      if (error instanceof DsRefusal) throw new ProviderError(state.defects.groupInfoSignatureAsInvalidSignature === true && error.reason === 'invalid_group_info_signature' ? 'invalid_signature' : 'invalid_group_info', error.message);
      throw error;
    }
    if (state.defects.skipsExternalSenderCheck !== true) requireDsAsExternalSender(state, group);
    // Planted bug (ProviderDefects.skipsMimiGroupContextCheck): no check of the group's mimi_group_context.
    if (state.defects.skipsMimiGroupContextCheck !== true) requireMimiGroupContext(group);
    // Again, synchronously with the write: a ReInit of another group may have reserved the id meanwhile.
    checkIdFree(state, key, body);
    state.live();
    state.groups.set(key, group);
    state.reservedGroupIds.delete(key);
  });
}

/** The id is not in use, was never used by a deleted group, and if a ReInit reserved it, the creator is its committer (profile §2, §14). */
function checkIdFree(state: ProviderState, key: string, body: CreateGroupRequest): void {
  if (state.groups.has(key) || state.retiredGroupIds.has(key)) throw new ProviderError('group_id_in_use', 'the group id is already in use');
  const reservedFor = state.reservedGroupIds.get(key);
  if (reservedFor === undefined) return;
  const creator = clientOfLeaf(body.leaf_node.value);
  const creatorKey = creator === null ? undefined : clientIdText(creator);
  // The ClientID alone is just bytes anyone can write; the key is what the request's ClientSignature proves.
  if (creatorKey !== reservedFor.client || !sameBytes(body.leaf_node.value.signaturePublicKey, reservedFor.signatureKey)) throw new ProviderError('group_id_in_use', 'the group id is reserved for the re-initialization of another group');
}
