import { decode, DecodeError, toHex, type mlsMessage, type ValueOf } from '../codec/index.js';
import { clientIdText, mimiGroupContext, mimiGroupId, MimiExtensionType, userIdText, type ClientId } from '../messages/index.js';
import { addedKeyPackages, clientOfLeaf, groupMembers, isConnectionKeyPackage, mimiContextOf, proposalsOfCommit, welcomeRecipients, type CommitSummary, type DsGroup } from '../mls/index.js';
import type { Delivery } from './fanout.js';
import { ProviderError } from './provider-error.js';
import type { ProviderState } from './provider-state.js';
import type { GroupUpdateType } from './endpoints/group-update.js';

type MlsMessageValue = ValueOf<typeof mlsMessage>['value'];
const userKey = (c: ClientId) => userIdText(c.user);

/** DS draft "Add users": no connection KeyPackage outside a connection group; every added leaf names a profile ClientID. */
async function checkAdds(group: DsGroup, message: MlsMessageValue, anyGroupTakesConnections: boolean): Promise<void> {
  // Planted bug (defects.ts acceptsConnectionKeyPackages): every group counts as a connection group here.
  const connectionGroup = anyGroupTakesConnections || mimiContextOf(group)?.kind === 'connection';
  for (const { keyPackage } of await addedKeyPackages(group, message)) {
    if (!connectionGroup && isConnectionKeyPackage(keyPackage)) throw new ProviderError('invalid_proposal', 'a connection KeyPackage may only be added to a connection group (DS draft "Add users", profile §12)');
    if (clientOfLeaf(keyPackage.leafNode) === null) throw new ProviderError('invalid_proposal', 'an added client has no ClientID credential (profile §12)');
  }
}


/**
 * Profile §12: a ClientID names one client for good, so no commit may add a
 * leaf (by Add or by external join) whose ClientID a member that stays in
 * the group already has, nor the same ClientID twice. A resync removes the
 * joiner's old leaf in the same commit, so it passes.
 */
function checkUniqueClients(group: DsGroup, summary: CommitSummary): void {
  const removed = new Set(summary.removed.map((r) => r.leaf));
  const staying = new Set(groupMembers(group).flatMap((m) => (m.client === null || removed.has(m.leaf) ? [] : [clientIdText(m.client)])));
  const arriving = summary.external ? [summary.committerClient] : summary.added.map((a) => a.client);
  for (const client of arriving) {
    if (client === null) continue;
    if (staying.has(clientIdText(client))) throw new ProviderError('invalid_commit', `${clientIdText(client)} is already a member: a ClientID names one client (profile §12)`);
    staying.add(clientIdText(client));
  }
}

/** DS draft "Join the group using an external commit": the joiner's user is already in the group. */
function checkExternalJoiner(group: DsGroup, summary: CommitSummary): void {
  const joiner = summary.committerClient;
  if (joiner === null) throw new ProviderError('invalid_commit', 'the joiner has no ClientID credential (profile §12)');
  const users = new Set(groupMembers(group).flatMap((m) => (m.client === null ? [] : [userKey(m.client)])));
  if (!users.has(userKey(joiner))) throw new ProviderError('unauthorized', `${userKey(joiner)} has no client in the group, so none of its clients may join by external commit`);
}

/**
 * DS draft "ReInitialize a group": the ReInit names another group of this
 * DS (a MimiGroupId naming it, not in use yet: the committer creates it
 * next) whose mimi_group_context version is at least this group's.
 */
function checkReinit(state: ProviderState, group: DsGroup, message: MlsMessageValue): void {
  const reinit = proposalsOfCommit(group, message).find((p) => p.proposalType === 'reinit');
  if (reinit?.proposalType !== 'reinit') throw new ProviderError('invalid_commit', 'a re-initialization needs a ReInit proposal');
  let owner: string;
  try {
    owner = decode(mimiGroupId, reinit.reinit.groupId).ds_domain;
  } catch (error) {
    if (error instanceof DecodeError) throw new ProviderError('invalid_proposal', 'the ReInit group id is not a MimiGroupId (profile §2)');
    throw error;
  }
  if (owner !== state.dsDomain && state.defects.acceptsForeignReinit !== true) throw new ProviderError('invalid_proposal', `the ReInit group id names ${owner}, not this DS`);
  requireFree(state, toHex(reinit.reinit.groupId));
  const next = reinit.reinit.extensions.find((e) => e.extensionType === MimiExtensionType.mimi_group_context);
  const current = mimiContextOf(group);
  let version: number | undefined;
  try {
    version = next === undefined ? undefined : decode(mimiGroupContext, next.extensionData).protocol_version;
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
  if (version === undefined || current === undefined || version < current.protocol_version) throw new ProviderError('invalid_proposal', 'the new group must carry mimi_group_context with a MIMI DS protocol version at least the current one');
}

function requireFree(state: ProviderState, target: string): void {
  if (state.groups.has(target) || state.retiredGroupIds.has(target) || state.reservedGroupIds.has(target)) throw new ProviderError('invalid_proposal', 'the ReInit group id is already in use');
}

/**
 * Keeps the group id an accepted ReInit names for its committer (its
 * ClientID and its leaf's signature key), who creates the new group next
 * (profile §14); nobody else may take it. Checks again that the id is free:
 * call it synchronously right before the commit is stored, so that no
 * creation or other ReInit can slip in between.
 *
 * @example
 * reserveReinitTarget(state, next, message, summary);
 */
export function reserveReinitTarget(state: ProviderState, after: DsGroup, before: DsGroup, message: MlsMessageValue, summary: CommitSummary): void {
  const reinit = proposalsOfCommit(before, message).find((p) => p.proposalType === 'reinit');
  const committer = after.ratchetTree[summary.committer * 2];
  if (reinit?.proposalType !== 'reinit' || summary.committerClient === null || committer?.nodeType !== 'leaf') throw new ProviderError('invalid_commit', 'a re-initialization needs a ReInit proposal and a committer with a ClientID');
  const target = toHex(reinit.reinit.groupId);
  requireFree(state, target);
  state.reservedGroupIds.set(target, { client: clientIdText(summary.committerClient), signatureKey: committer.leaf.signaturePublicKey });
}

/**
 * The rules each operation adds on top of RFC 9420 and the tracker's
 * classification (DS draft "Client-initiated operations").
 *
 * @example
 * await checkOperationRules(state, group, message, summary, 'ds_add_users');
 */
export async function checkOperationRules(state: ProviderState, group: DsGroup, message: MlsMessageValue, summary: CommitSummary, type: GroupUpdateType): Promise<void> {
  await checkAdds(group, message, state.defects.acceptsConnectionKeyPackages === true);
  // Planted bug (defects.ts acceptsDuplicateClientIds): a ClientID may arrive that a member already has.
  if (state.defects.acceptsDuplicateClientIds !== true) checkUniqueClients(group, summary);
  if (type === 'ds_external_join' && state.defects.anyoneMayJoinExternally !== true) checkExternalJoiner(group, summary);
  if (type === 'ds_re_initialize_group') checkReinit(state, group, message);
}

/**
 * DS draft "Add users": one distinct Welcome per provider whose clients are
 * added. Each Welcome must hold secrets for exactly the added clients of one
 * provider (matched by KeyPackageRef, RFC 9420 §12.4.3.1), and together
 * they must cover every added client once (`invalid_message` otherwise).
 * Welcomes to a connection group go out as connection requests (profile §5).
 *
 * @example
 * const deliveries = await routeWelcomes(group, commit, request.welcome_messages);
 */
export async function routeWelcomes(group: DsGroup, message: MlsMessageValue, welcomes: readonly ValueOf<typeof mlsMessage>[]): Promise<Delivery[]> {
  const added = new Map<string, ClientId>();
  for (const { keyPackage, ref } of await addedKeyPackages(group, message)) {
    const client = clientOfLeaf(keyPackage.leafNode);
    if (client !== null) added.set(toHex(ref), client);
  }
  const kind = mimiContextOf(group)?.kind === 'connection' ? 'connection_request' : 'deliver_message';
  const covered = new Set<string>();
  const domains = new Set<string>();
  const deliveries = welcomes.map((welcome, index): Delivery => {
    const refs = welcomeRecipients(welcome.value);
    if (refs === undefined) throw new ProviderError('invalid_message', `welcome_messages[${index}] is a ${welcome.value.wireformat}, not a Welcome`);
    const recipients = refs.map((ref) => {
      const client = added.get(toHex(ref));
      if (client === undefined) throw new ProviderError('invalid_message', `welcome_messages[${index}] has secrets for a KeyPackage the commit does not add`);
      if (covered.has(toHex(ref))) throw new ProviderError('invalid_message', `welcome_messages[${index}] repeats a client another Welcome covers`);
      covered.add(toHex(ref));
      return client;
    });
    const own = new Set(recipients.map((c) => c.user.domain));
    const [domain] = own;
    if (domain === undefined || own.size !== 1) throw new ProviderError('invalid_message', `welcome_messages[${index}] must address the clients of exactly one provider`);
    if (domains.has(domain)) throw new ProviderError('invalid_message', `two Welcomes for ${domain}: there must be one per provider`);
    domains.add(domain);
    return { recipients, message: welcome, kind };
  });
  if (covered.size !== added.size) throw new ProviderError('invalid_message', `${added.size - covered.size} added client(s) have no Welcome`);
  return deliveries;
}
