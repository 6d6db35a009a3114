import { rememberMembers } from './member-messages.js';
import type { mlsMessage, ValueOf } from '../../codec/index.js';
import type { DSRequest, MlsGroupUpdate } from '../../messages/index.js';
import { checkCommitLeaves, processCommit, type CommitSummary, type DsGroup, type DsOperation } from '../../mls/index.js';
import { carryOverProposals } from '../ds-proposals.js';
import { fanOut, type Delivery } from '../fanout.js';
import { checkMemberSignature, groupAt, joined, othersThan, ownedGroupKey } from '../owned-group.js';
import { checkOperationRules, reserveReinitTarget, routeWelcomes } from '../operation-rules.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import { asDsError, asDsErrorSync } from '../refusal-codes.js';

/** The request types that carry an MLSGroupUpdate, and the DS operation each must be (DS draft "Client-initiated operations"). */
export const OPERATION_OF = {
  ds_delete_group: 'delete_group',
  ds_add_users: 'add_users',
  ds_remove_users: 'remove_users',
  ds_add_clients: 'add_clients',
  ds_remove_clients: 'remove_clients',
  ds_update_client: 'update_client',
  ds_external_join: 'external_join',
  ds_re_initialize_group: 're_initialize_group',
} as const satisfies Record<string, DsOperation>;

export type GroupUpdateType = keyof typeof OPERATION_OF;

/**
 * Whether a commit is the operation its request type names. A removal that
 * leaves the committer alone is delete_group, and also remove_users or
 * remove_clients when it is one of those: then the request type decides
 * whether the DS deletes the group or keeps it (profile §14).
 */
function isOperation(type: GroupUpdateType, summary: CommitSummary): boolean {
  const expected = OPERATION_OF[type];
  return summary.operation === expected || (summary.operation === 'delete_group' && summary.removal === expected);
}

/**
 * Every DSRequest that carries a commit (DS draft "Client-initiated
 * operations"; profile §6, §8): ownership, the sender's ClientSignature
 * bound to the commit's sender leaf, the tracker's RFC 9420 checks, the
 * operation's own rules, then fan-out of the commit to every other member
 * and of each Welcome to the clients it adds. Runs alone per group; a
 * refusal at any step stores and sends nothing.
 *
 * @example
 * await groupUpdate(state, request, 'ds_add_users', update, welcomes, remoteAddress);
 */
export async function groupUpdate(state: ProviderState, request: DSRequest, type: GroupUpdateType, update: MlsGroupUpdate, welcomes: readonly ValueOf<typeof mlsMessage>[], source: string): Promise<void> {
  const message = update.commit.value;
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'commit') {
    throw new ProviderError('invalid_commit', `the group update must be a PublicMessage commit, not a ${message.wireformat === 'mls_public_message' ? message.publicMessage.content.contentType : message.wireformat} ("Embedded MLS values")`);
  }
  const { content } = message.publicMessage;
  const key = ownedGroupKey(state, content.groupId);
  const external = type === 'ds_external_join';
  if (external !== (content.sender.senderType === 'new_member_commit')) throw new ProviderError('invalid_commit', external ? 'an external join needs a new_member_commit sender' : `${type} needs a commit by a member`);
  let limited: Error | undefined;
  await state.exclusive(key, async () => {
    const group = groupAt(state, key);
    if (content.sender.senderType === 'member') {
      const auth = request.authentication_data;
      // Planted bugs (issue 10 §4): anonymous commits taken on the MLS signature; the key of the leaf sender_index names; no signature check.
      const signer = state.defects.ignoresSenderIndex === true && auth.auth_type === 'client_signature' ? auth.sender_index : content.sender.leafIndex;
      if (state.defects.acceptsAnonymousCommits !== true || auth.auth_type !== 'anonymous') await checkMemberSignature(group, request, signer, state.defects.skipsClientSignature !== true);
      // Per member only once the member is authenticated, so nobody can spend another member's budget.
      try {
        state.limiter.take('/group_operation', 'member', `${key}|${content.sender.leafIndex}`);
      } catch (error) {
        // Planted bug (defects.ts appliesRateLimitedCommit): the refusal is kept for after the commit is applied.
        if (state.defects.appliesRateLimitedCommit !== true || !(error instanceof Error)) throw error;
        limited = error;
      }
    } else {
      if (request.authentication_data.auth_type !== 'anonymous') throw new ProviderError('unauthorized', 'ds_external_join is anonymous (profile §8)');
      state.limiter.take('/group_operation', 'member', `${key}|external|${source}`);
    }
    // Planted bugs (defects.ts credentialChangeTakenBy, updateTakesGroupContextChanges): this request type lets the committer's credential change; GroupContextExtensions may change mimi_group_context.
    const leniency = { credentialMayChange: state.defects.credentialChangeTakenBy?.includes(type) === true, fixedExtensionsMayChange: state.defects.updateTakesGroupContextChanges === true };
    const result = await asDsError(() => processCommit(state.defects.acceptsMissingProposals === true ? withOnlyReferenced(group, content.commit.proposals) : group, message, update.partial_group_info, leniency));
    // Profile §12: every LeafNode the commit brings in (Adds, Updates, the UpdatePath's) carries mimi_supported_versions.
    // Planted bug (defects.ts skipsCommitLeafVersionCheck): not checked.
    if (state.defects.skipsCommitLeafVersionCheck !== true) {
      asDsErrorSync(() => {
        checkCommitLeaves(message);
      });
    }
    if (!isOperation(type, result.summary) && state.defects.ignoresRequestType !== true && !plantedLooseOperation(state, type, result.summary)) throw new ProviderError('invalid_commit', `${type} must be a ${OPERATION_OF[type]} commit; this one is ${result.summary.operation}${result.summary.removal === null ? '' : ` (as a removal, ${result.summary.removal})`}`);
    await checkOperationRules(state, group, message, result.summary, type);
    // Never back to the sender: the committer's leaf, or for an external join the joiner's old leaf (a resync), if any.
    const senderLeaf = external ? result.summary.removed[0]?.leaf : state.defects.commitToCommitter === true ? undefined : result.summary.committer;
    // Planted bug fanOutToNewEpoch: the new epoch's members (the added ones in, the removed ones out).
    const deliveries: Delivery[] = [{ recipients: othersThan(state.defects.fanOutToNewEpoch === true ? result.group : group, senderLeaf === undefined ? {} : { leaf: senderLeaf }), message: update.commit, kind: 'deliver_message' }];
    if (type === 'ds_add_users' || type === 'ds_add_clients') deliveries.push(...plantedWelcomeBugs(state, await routeWelcomes(group, message, welcomes)));
    else if (welcomes.length > 0) throw new ProviderError('invalid_message', `${type} carries no Welcome`);
    // An external commit cannot include stored proposals: the DS proposes them again at the new epoch (profile §14).
    // Planted bug (ProviderDefects.forgetSelfRemoveOnExternalJoin): the stored proposals an external commit left out (a self-remove among them) are forgotten.
    const carried = external && state.defects.forgetSelfRemoveOnExternalJoin !== true ? await asDsError(() => carryOverProposals(state, group, result)) : { group: result.group, deliveries: [] };
    deliveries.push(...carried.deliveries);
    state.live();
    // Reserve (and check once more) the ReInit target before anything is stored; nothing may come between.
    if (type === 'ds_re_initialize_group') reserveReinitTarget(state, result.group, group, message, result.summary);
    if (type === 'ds_delete_group' && state.defects.keepsDeletedGroups !== true) {
      state.groups.delete(key);
      state.retiredGroupIds.add(key);
      state.acceptedMessages.delete(key);
    }
    else {
      const stored = external ? carried.group : joined(result.group, result.summary.committer);
      // Planted bug (ProviderDefects.staleGroupInfoAfterReinit): the suspended group keeps serving the GroupInfo from before the ReInit.
      state.groups.set(key, type === 'ds_re_initialize_group' && state.defects.staleGroupInfoAfterReinit === true ? { ...stored, groupInfo: group.groupInfo } : stored);
    }
    fanOut(state, deliveries);
    // Planted bug (defects.ts fanOutToRemoved): the members of the epoch before, removed ones included, are remembered for later messages.
    if (state.defects.fanOutToRemoved === true) rememberMembers(state, key, othersThan(group, {}));
  });
  if (limited !== undefined) throw limited;
}

/** Planted bugs addUsersTakesMembers, removeClientsOfAnyUser, removeClientsTakesAdds, removeUsersPartly, updateTakesProposals, addClientsTakesOthers, updateTakesGroupContextChanges (issue 10 §4): a request type that takes commits of another class. */
function plantedLooseOperation(state: ProviderState, type: GroupUpdateType, summary: CommitSummary): boolean {
  const d = state.defects;
  if (type === 'ds_add_clients') return d.addClientsTakesOthers === true && summary.operation === 'mixed' && summary.byValueTypes.includes('add') && summary.byValueTypes.some((t) => t !== 'add' && t !== 'remove');
  if (type === 'ds_add_users') return d.addUsersTakesMembers === true && (summary.operation === 'add_clients' || (summary.operation === 'mixed' && summary.byValueTypes.every((t) => t === 'add')));
  if (type === 'ds_remove_clients') return (d.removeClientsOfAnyUser === true && summary.removal !== null) || (d.removeClientsTakesAdds === true && summary.operation === 'add_clients');
  if (type === 'ds_remove_users') return d.removeUsersPartly === true && summary.removal === 'mixed';
  if (type === 'ds_update_client') return (d.updateTakesProposals === true || (d.updateTakesGroupContextChanges === true && summary.byValueTypes.every((t) => t === 'group_context_extensions'))) && summary.hasPath && !summary.external;
  return false;
}

/** Planted bug acceptsMissingProposals (issue 10 §4): the stored proposals a commit leaves out are forgotten instead of refused. */
function withOnlyReferenced(group: DsGroup, proposals: readonly { readonly proposalOrRefType: string; readonly reference?: Uint8Array }[]): DsGroup {
  const referenced = new Set(proposals.flatMap((p) => (p.reference === undefined ? [] : [Buffer.from(p.reference).toString('base64')])));
  return { ...group, unappliedProposals: Object.fromEntries(Object.entries(group.unappliedProposals).filter(([ref]) => referenced.has(ref))) };
}

/** Planted bugs welcomeToEveryProvider and connectionWelcomeAsMessage (issue 10 §4); the reference returns the Welcomes as routed. */
function plantedWelcomeBugs(state: ProviderState, routed: Delivery[]): Delivery[] {
  const everyone = routed.flatMap((d) => d.recipients);
  return routed.map((d) => ({ ...d, ...(state.defects.welcomeToEveryProvider === true ? { recipients: everyone } : {}), ...(state.defects.connectionWelcomeAsMessage === true ? { kind: 'deliver_message' as const } : {}) }));
}
