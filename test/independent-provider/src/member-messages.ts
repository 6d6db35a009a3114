import { createHash } from 'node:crypto';
import type { mlsMessage, ValueOf } from 'mimi-transport-harness/codec';
import type { DSRequest } from 'mimi-transport-harness/messages';
import { groupMembers, markJoined, processProposal, type DsGroup } from 'mimi-transport-harness/mls';
import type { ProviderContext } from './context.js';
import { checkMemberSignature, groupAt, ownedGroupKey, tracked } from './ds-refusal.js';
import { ProtocolError } from './protocol-error.js';

type Embedded = ValueOf<typeof mlsMessage>;

/** Every member's ClientID but the one at `exceptLeaf` (fan-out never goes back to the sender). @example othersThan(group, 0) */
export function othersThan(group: DsGroup, exceptLeaf: number | undefined) {
  return groupMembers(group).flatMap((m) => (m.client === null || m.leaf === exceptLeaf ? [] : [m.client]));
}

/** A member that was waiting to join acted in the group, so its join tree can go (DS draft "DS assisted joining"). */
export function joined(group: DsGroup, leaf: number): DsGroup {
  return group.pendingJoins.some((p) => p.joiners.includes(leaf)) ? markJoined(group, leaf) : group;
}

/**
 * `ds_send_message` (DS draft "Send an application message to a group", profile §8, §14): a PrivateMessage of
 * content type application (`invalid_message`) for the current epoch (`wrong_epoch`), its ClientSignature by a
 * member leaf (the only thing that authenticates it); fanned out to every other member; a repeat in the same epoch
 * is answered ok and not fanned out again.
 *
 * @example
 * await sendMessage(ctx, request, request.request_body.send_message_request.application_message);
 */
export async function sendMessage(ctx: ProviderContext, request: DSRequest, application: Embedded): Promise<void> {
  const message = application.value;
  if (message.wireformat !== 'mls_private_message' || message.privateMessage.contentType !== 'application') throw new ProtocolError('invalid_message', 'the message must be a PrivateMessage of content type application ("Embedded MLS values")');
  const { groupId, epoch } = message.privateMessage;
  const key = ownedGroupKey(ctx, groupId);
  const auth = request.authentication_data;
  if (auth.auth_type !== 'client_signature') throw new ProtocolError('unauthorized', 'ds_send_message needs a client signature (profile §8)');
  await ctx.exclusive(key, async () => {
    const group = groupAt(ctx, key);
    if (epoch !== group.groupContext.epoch) throw new ProtocolError('wrong_epoch', `the message is for epoch ${epoch}; the group is at ${group.groupContext.epoch}`);
    await checkMemberSignature(group, request, auth.sender_index);
    ctx.limiter.take('/group_operation', 'member', `${key}|${auth.sender_index}`);
    const digest = createHash('sha256').update(application.bytes).digest('hex');
    const accepted = ctx.accepted.get(key);
    if (accepted?.epoch === epoch && accepted.digests.has(digest)) return;
    if (accepted?.epoch === epoch) accepted.digests.add(digest);
    else ctx.accepted.set(key, { epoch, digests: new Set([digest]) });
    ctx.groups.set(key, joined(group, auth.sender_index));
    ctx.outbox.fanOut([{ recipients: othersThan(group, auth.sender_index), message: application, kind: 'deliver_message' }]);
  });
}

/**
 * `ds_self_remove_client` (DS draft "Self remove a client from a group", profile §8, §14): a PublicMessage with one
 * Remove of its own sender, signed by that member; stored (the next commit must include it by reference) and fanned
 * out to every other member.
 *
 * @example
 * await selfRemove(ctx, request, request.request_body.self_remove_client_request.proposal);
 */
export async function selfRemove(ctx: ProviderContext, request: DSRequest, proposal: Embedded): Promise<void> {
  const message = proposal.value;
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'proposal') throw new ProtocolError('invalid_message', 'the self-remove must be a PublicMessage proposal ("Embedded MLS values")');
  const { content } = message.publicMessage;
  const key = ownedGroupKey(ctx, content.groupId);
  if (content.sender.senderType !== 'member') throw new ProtocolError('invalid_proposal', 'a self-remove comes from a member');
  if (content.proposal.proposalType !== 'remove' || content.proposal.remove.removed !== content.sender.leafIndex) throw new ProtocolError('invalid_proposal', 'a self-remove is a single Remove of its own sender');
  const sender = content.sender.leafIndex;
  await ctx.exclusive(key, async () => {
    const group = groupAt(ctx, key);
    await checkMemberSignature(group, request, sender);
    ctx.limiter.take('/group_operation', 'member', `${key}|${sender}`);
    const stored = await tracked(() => processProposal(group, message));
    ctx.groups.set(key, joined(stored, sender));
    ctx.outbox.fanOut([{ recipients: othersThan(group, sender), message: proposal, kind: 'deliver_message' }]);
  });
}
