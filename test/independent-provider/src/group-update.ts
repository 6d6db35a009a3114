import { decode, DecodeError, mlsMessage, toHex, type ValueOf } from 'mimi-transport-harness/codec';
import { clientIdText, MimiExtensionType, mimiGroupContext, mimiGroupId, userIdText, type DSRequest, type MlsGroupUpdate } from 'mimi-transport-harness/messages';
import {
  addedKeyPackages,
  carriedProposals,
  checkCommitLeaves,
  clientOfLeaf,
  groupMembers,
  isConnectionKeyPackage,
  mimiContextOf,
  processCommit,
  proposalsOfCommit,
  proposeAsDs,
  readExternalSenders,
  welcomeRecipients,
  type CommitResult,
  type CommitSummary,
  type DsGroup,
} from 'mimi-transport-harness/mls';
import type { ProviderContext } from './context.js';
import { checkMemberSignature, groupAt, ownedGroupKey, tracked } from './ds-refusal.js';
import { joined, othersThan } from './member-messages.js';
import type { Delivery } from './outbox.js';
import { ProtocolError } from './protocol-error.js';

type Embedded = ValueOf<typeof mlsMessage>;

/** The request types that carry a commit, and the DS operation each must be (DS draft "Client-initiated operations", profile §14). */
export const OPERATION_OF = {
  ds_delete_group: 'delete_group',
  ds_add_users: 'add_users',
  ds_remove_users: 'remove_users',
  ds_add_clients: 'add_clients',
  ds_remove_clients: 'remove_clients',
  ds_update_client: 'update_client',
  ds_external_join: 'external_join',
  ds_re_initialize_group: 're_initialize_group',
} as const;

/** A request type that carries an MLSGroupUpdate. */
export type GroupUpdateType = keyof typeof OPERATION_OF;

/** A removal that leaves the committer alone is delete_group, and also the removal the request type names (profile §14). */
function isOperation(type: GroupUpdateType, summary: CommitSummary): boolean {
  const expected = OPERATION_OF[type];
  return summary.operation === expected || (summary.operation === 'delete_group' && summary.removal === expected);
}

/** Profile §12, §14: Adds bring profile ClientIDs, connection KeyPackages only into connection groups; no ClientID twice. */
async function checkArrivals(group: DsGroup, message: Embedded['value'], summary: CommitSummary): Promise<void> {
  const connectionGroup = mimiContextOf(group)?.kind === 'connection';
  for (const { keyPackage } of await addedKeyPackages(group, message)) {
    if (!connectionGroup && isConnectionKeyPackage(keyPackage)) throw new ProtocolError('invalid_proposal', 'a connection KeyPackage may only be added to a connection group (DS draft "Add users", profile §12)');
    if (clientOfLeaf(keyPackage.leafNode) === null) throw new ProtocolError('invalid_proposal', 'an added client has no ClientID credential (profile §12)');
  }
  const removed = new Set(summary.removed.map((r) => r.leaf));
  const staying = new Set(groupMembers(group).flatMap((m) => (m.client === null || removed.has(m.leaf) ? [] : [clientIdText(m.client)])));
  for (const client of summary.external ? [summary.committerClient] : summary.added.map((a) => a.client)) {
    if (client === null) continue;
    if (staying.has(clientIdText(client))) throw new ProtocolError('invalid_commit', `${clientIdText(client)} is already a member: a ClientID names one client (profile §12)`);
    staying.add(clientIdText(client));
  }
}

/** DS draft "Join the group using an external commit": the joiner's user already has a client in the group (`unauthorized`). */
function checkExternalJoiner(group: DsGroup, summary: CommitSummary): void {
  const joiner = summary.committerClient;
  if (joiner === null) throw new ProtocolError('invalid_commit', 'the joiner has no ClientID credential (profile §12)');
  const users = new Set(groupMembers(group).flatMap((m) => (m.client === null ? [] : [userIdText(m.client.user)])));
  if (!users.has(userIdText(joiner.user))) throw new ProtocolError('unauthorized', `${userIdText(joiner.user)} has no client in the group, so none of its clients may join by external commit`);
}

/** DS draft "ReInitialize a group", profile §14: the new group id names this DS, is free, and carries mimi_group_context (`invalid_proposal`). */
function checkReinit(ctx: ProviderContext, group: DsGroup, message: Embedded['value']): void {
  const reinit = proposalsOfCommit(group, message).find((p) => p.proposalType === 'reinit');
  if (reinit?.proposalType !== 'reinit') throw new ProtocolError('invalid_commit', 'a re-initialization needs a ReInit proposal');
  let owner: string;
  try {
    owner = decode(mimiGroupId, reinit.reinit.groupId).ds_domain;
  } catch (error) {
    if (error instanceof DecodeError) throw new ProtocolError('invalid_proposal', 'the ReInit group id is not a MimiGroupId (profile §2)');
    throw error;
  }
  if (owner !== ctx.dsDomain) throw new ProtocolError('invalid_proposal', `the ReInit group id names ${owner}, not this DS`);
  const target = toHex(reinit.reinit.groupId);
  if (ctx.groups.has(target) || ctx.retired.has(target)) throw new ProtocolError('invalid_proposal', 'the ReInit group id is already in use');
  const next = reinit.reinit.extensions.find((e) => e.extensionType === MimiExtensionType.mimi_group_context);
  try {
    if (next === undefined) throw new DecodeError('truncated', 0, 'MimiGroupContext', 'absent');
    decode(mimiGroupContext, next.extensionData);
  } catch (error) {
    if (error instanceof DecodeError) throw new ProtocolError('invalid_proposal', 'the new group must carry a valid mimi_group_context (profile §12)');
    throw error;
  }
}

/**
 * DS draft "Add users": one Welcome per provider whose clients are added, each with secrets for exactly that
 * provider's added clients, together covering every added client once (`invalid_message`). A connection group's
 * Welcomes go out as connection requests (profile §5, §14).
 */
async function routeWelcomes(group: DsGroup, message: Embedded['value'], welcomes: readonly Embedded[]): Promise<Delivery[]> {
  const added = new Map<string, ReturnType<typeof clientOfLeaf>>();
  for (const { keyPackage, ref } of await addedKeyPackages(group, message)) added.set(toHex(ref), clientOfLeaf(keyPackage.leafNode));
  const kind = mimiContextOf(group)?.kind === 'connection' ? 'connection_request' : 'deliver_message';
  const covered = new Set<string>();
  const domains = new Set<string>();
  const deliveries = welcomes.map((welcome, index): Delivery => {
    const refs = welcomeRecipients(welcome.value);
    if (refs === undefined) throw new ProtocolError('invalid_message', `welcome_messages[${index}] is a ${welcome.value.wireformat}, not a Welcome`);
    const recipients = refs.map((ref) => {
      const client = added.get(toHex(ref));
      if (client === undefined || client === null) throw new ProtocolError('invalid_message', `welcome_messages[${index}] has secrets for a KeyPackage the commit does not add`);
      if (covered.has(toHex(ref))) throw new ProtocolError('invalid_message', `welcome_messages[${index}] repeats a client another Welcome covers`);
      covered.add(toHex(ref));
      return client;
    });
    const own = new Set(recipients.map((c) => c.user.domain));
    const [domain] = own;
    if (domain === undefined || own.size !== 1) throw new ProtocolError('invalid_message', `welcome_messages[${index}] must address the clients of exactly one provider`);
    if (domains.has(domain)) throw new ProtocolError('invalid_message', `two Welcomes for ${domain}: there must be one per provider`);
    domains.add(domain);
    return { recipients, message: welcome, kind };
  });
  if (covered.size !== added.size) throw new ProtocolError('invalid_message', `${added.size - covered.size} added client(s) have no Welcome`);
  return deliveries;
}

/** Whether the group lists this DS's current key in external_senders (else the DS cannot propose, profile §14). */
function listsOwnKey(ctx: ProviderContext, group: DsGroup): boolean {
  const extension = group.groupContext.extensions.find((e) => e.extensionType === 'external_senders');
  const senders = extension === undefined ? undefined : readExternalSenders(extension.extensionData);
  const key = ctx.keys.publicKey;
  return senders?.some((s) => s.signaturePublicKey.length === key.length && s.signaturePublicKey.every((b, i) => b === key[i])) === true;
}

/** Profile §14: an external commit drops the stored proposals; the DS proposes the ones still meaningful again, as external sender. */
async function carryOver(ctx: ProviderContext, before: DsGroup, result: CommitResult): Promise<{ group: DsGroup; deliveries: Delivery[] }> {
  const again = carriedProposals(before, result.group, result.discarded);
  if (again.length === 0) return { group: result.group, deliveries: [] };
  if (!listsOwnKey(ctx, result.group)) throw new ProtocolError('missing_proposal', 'stored proposals an external commit cannot include, and this DS cannot propose them again (profile §14)');
  const recipients = othersThan(result.group, undefined);
  let group = result.group;
  const deliveries: Delivery[] = [];
  for (const proposal of again) {
    const proposed = await tracked(() => proposeAsDs(group, proposal, ctx.keys));
    group = proposed.group;
    deliveries.push({ recipients, message: decode(mlsMessage, proposed.message), kind: 'deliver_message' });
  }
  return { group, deliveries };
}

/**
 * Every DSRequest that carries a commit (DS draft "Client-initiated operations"; profile §6, §8, §12, §14):
 * a PublicMessage commit of a group this DS owns; for a member's commit the ClientSignature by the commit's sender
 * leaf; the MLS layer's tracker checks (RFC 9420); the request type matches the commit's class (`invalid_commit`);
 * the operation's rules; then the fan-out of the commit to every member of the epoch before but its sender, and of
 * each Welcome to the clients it adds. A refusal at any step stores and sends nothing.
 *
 * @example
 * await groupUpdate(ctx, request, 'ds_add_users', update, welcomes);
 */
export async function groupUpdate(ctx: ProviderContext, request: DSRequest, type: GroupUpdateType, update: MlsGroupUpdate, welcomes: readonly Embedded[]): Promise<void> {
  const message = update.commit.value;
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'commit') throw new ProtocolError('invalid_commit', 'the group update must be a PublicMessage commit ("Embedded MLS values")');
  const { content } = message.publicMessage;
  const key = ownedGroupKey(ctx, content.groupId);
  const external = type === 'ds_external_join';
  if (external !== (content.sender.senderType === 'new_member_commit')) throw new ProtocolError('invalid_commit', external ? 'an external join needs a new_member_commit sender' : `${type} needs a commit by a member`);
  await ctx.exclusive(key, async () => {
    const group = groupAt(ctx, key);
    // Per member only once the member is authenticated, so nobody can spend another member's budget.
    if (content.sender.senderType === 'member') {
      await checkMemberSignature(group, request, content.sender.leafIndex);
      ctx.limiter.take('/group_operation', 'member', `${key}|${content.sender.leafIndex}`);
    } else {
      if (request.authentication_data.auth_type !== 'anonymous') throw new ProtocolError('unauthorized', 'ds_external_join is anonymous (profile §8)');
      ctx.limiter.take('/group_operation', 'member', `${key}|external`);
    }
    const result = await tracked(() => processCommit(group, message, update.partial_group_info));
    await tracked(() => {
      checkCommitLeaves(message);
    });
    if (!isOperation(type, result.summary)) throw new ProtocolError('invalid_commit', `${type} must be a ${OPERATION_OF[type]} commit; this one is ${result.summary.operation}`);
    await checkArrivals(group, message, result.summary);
    if (external) checkExternalJoiner(group, result.summary);
    if (type === 'ds_re_initialize_group') checkReinit(ctx, group, message);
    const senderLeaf = external ? result.summary.removed[0]?.leaf : result.summary.committer;
    const deliveries: Delivery[] = [{ recipients: othersThan(group, senderLeaf), message: update.commit, kind: 'deliver_message' }];
    if (type === 'ds_add_users' || type === 'ds_add_clients') deliveries.push(...(await routeWelcomes(group, message, welcomes)));
    else if (welcomes.length > 0) throw new ProtocolError('invalid_message', `${type} carries no Welcome`);
    const carried = external ? await carryOver(ctx, group, result) : { group: result.group, deliveries: [] };
    deliveries.push(...carried.deliveries);
    if (type === 'ds_delete_group') {
      ctx.groups.delete(key);
      ctx.retired.add(key);
      ctx.accepted.delete(key);
    } else {
      ctx.groups.set(key, external ? carried.group : joined(result.group, result.summary.committer));
    }
    ctx.outbox.fanOut(deliveries);
  });
}
