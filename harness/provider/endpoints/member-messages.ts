import { createHash } from 'node:crypto';
import type { mlsMessage, ValueOf } from '../../codec/index.js';
import type { ClientId, DSRequest } from '../../messages/index.js';
import { processProposal } from '../../mls/index.js';
import { fanOut } from '../fanout.js';
import { checkMemberSignature, groupAt, joined, othersThan, ownedGroupKey } from '../owned-group.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import { asDsError } from '../refusal-codes.js';

type EmbeddedMessage = ValueOf<typeof mlsMessage>;

/** Application messages remembered per group and epoch for replay suppression. */
const MAX_REMEMBERED_MESSAGES = 10_000;

/**
 * SelfRemoveClient (DS draft "Self remove a client from a group"): a
 * PublicMessage with exactly one Remove, of its own sender, signed by that
 * member (profile §8). The DS stores it (the next commit must include it by
 * reference) and fans it out to every other member.
 *
 * @example
 * await selfRemove(state, request, request.request_body.self_remove_client_request.proposal);
 */
export async function selfRemove(state: ProviderState, request: DSRequest, proposal: EmbeddedMessage): Promise<void> {
  const message = proposal.value;
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'proposal') throw new ProviderError('invalid_message', 'the self-remove must be a PublicMessage proposal ("Embedded MLS values")');
  const { content } = message.publicMessage;
  const key = ownedGroupKey(state, content.groupId);
  if (content.sender.senderType !== 'member') throw new ProviderError('invalid_proposal', 'a self-remove comes from a member');
  if (content.proposal.proposalType !== 'remove' || content.proposal.remove.removed !== content.sender.leafIndex) throw new ProviderError('invalid_proposal', 'a self-remove is a single Remove of its own sender');
  const sender = content.sender.leafIndex;
  await state.exclusive(key, async () => {
    const group = groupAt(state, key);
    await checkMemberSignature(group, request, sender);
    state.limiter.take('/group_operation', 'member', `${key}|${sender}`);
    const stored = await asDsError(() => processProposal(group, message));
    // Planted bugs (ProviderDefects.dropSelfRemoveFanOut, selfRemoveToSender): the self-remove proposal reaches no member, or its sender too.
    const deliveries = state.defects.dropSelfRemoveFanOut === true ? [] : [{ recipients: othersThan(group, state.defects.selfRemoveToSender === true ? {} : { leaf: sender }), message: proposal, kind: 'deliver_message' } as const];
    state.live();
    state.groups.set(key, joined(stored, sender));
    fanOut(state, deliveries);
  });
}

/**
 * SendMessage (DS draft "Send an application message to a group"): a
 * PrivateMessage of content type application for the current epoch, from
 * the member named by the ClientSignature (the only thing that
 * authenticates it, profile §8), fanned out to every other member.
 *
 * @example
 * await sendMessage(state, request, request.request_body.send_message_request.application_message);
 */
export async function sendMessage(state: ProviderState, request: DSRequest, application: EmbeddedMessage): Promise<void> {
  const message = application.value;
  if (message.wireformat !== 'mls_private_message' || message.privateMessage.contentType !== 'application') throw new ProviderError('invalid_message', 'the message must be a PrivateMessage of content type application ("Embedded MLS values")');
  const { groupId, epoch } = message.privateMessage;
  const key = ownedGroupKey(state, groupId);
  const auth = request.authentication_data;
  if (auth.auth_type !== 'client_signature') throw new ProviderError('unauthorized', 'ds_send_message needs a client signature (profile §8)');
  await state.exclusive(key, async () => {
    const group = groupAt(state, key);
    if (epoch !== group.groupContext.epoch) throw new ProviderError('wrong_epoch', `the message is for epoch ${epoch}; the group is at ${group.groupContext.epoch}`);
    await checkMemberSignature(group, request, auth.sender_index);
    // Planted bug (defects.ts oneBucketForAllMembers): every member's messages in the group's one bucket.
    state.limiter.take('/group_operation', 'member', `${key}|${state.defects.oneBucketForAllMembers === true ? 'every member' : auth.sender_index}`);
    // Profile §13: epochs protect commits, not messages; a replayed SendMessage is answered ok and not fanned out again.
    const digest = createHash('sha256').update(application.bytes).digest('hex');
    const accepted = state.acceptedMessages.get(key);
    if (accepted?.epoch === epoch && accepted.hashes.has(digest)) return;
    const recipients = othersThan(group, state.defects.fanOutToSender === true ? {} : { leaf: auth.sender_index });
    // Planted bug (defects.ts fanOutToRemoved): clients that were members at an earlier message still get it.
    if (state.defects.fanOutToRemoved === true) recipients.push(...formerMembers(state, key, othersThan(group, {})));
    const deliveries = [{ recipients, message: application, kind: 'deliver_message' } as const];
    state.live();
    if (accepted?.epoch === epoch) {
      accepted.hashes.add(digest);
      // Bounded: the oldest go first (a replay that old within one epoch is fanned out again, and MLS clients refuse it as a reused generation).
      for (const old of accepted.hashes) {
        if (accepted.hashes.size <= MAX_REMEMBERED_MESSAGES) break;
        accepted.hashes.delete(old);
      }
    }
    else state.acceptedMessages.set(key, { epoch, hashes: new Set([digest]) });
    state.groups.set(key, joined(group, auth.sender_index));
    fanOut(state, deliveries);
  });
}

/** For the planted bug fanOutToRemoved only: every client seen as a member of a group, per provider state's group map. */
const seenMembers = new WeakMap<object, Map<string, ClientId[]>>();
const nameOf = (c: ClientId) => `${c.client_name}/${c.user.user_name}@${c.user.domain}`;

/** Planted bug fanOutToRemoved only: remembers `clients` as members of group `key` (a commit's members of the epoch before). @example rememberMembers(state, key, othersThan(group, {})) */
export function rememberMembers(state: ProviderState, key: string, clients: readonly ClientId[]): void {
  const byGroup = seenMembers.get(state.groups) ?? new Map<string, ClientId[]>();
  seenMembers.set(state.groups, byGroup);
  const known = byGroup.get(key) ?? [];
  const names = new Set(known.map(nameOf));
  byGroup.set(key, [...known, ...clients.filter((c) => !names.has(nameOf(c)))]);
}

/** The clients seen as members of group `key` before that are not among `current` now (and remembers `current`). */
function formerMembers(state: ProviderState, key: string, current: readonly ClientId[]): ClientId[] {
  rememberMembers(state, key, current);
  const now = new Set(current.map(nameOf));
  return (seenMembers.get(state.groups)?.get(key) ?? []).filter((c) => !now.has(nameOf(c)));
}
