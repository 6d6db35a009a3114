import { rememberMembers } from './member-messages.js';
import type { mlsMessage, ValueOf } from '../../codec/index.js';
import type { DSRequest, MlsGroupUpdate } from '../../messages/index.js';
import { checkCommitLeaves, processCommit, type CommitSummary, type DsOperation } from '../../mls/index.js';
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
  await state.exclusive(key, async () => {
    const group = groupAt(state, key);
    if (content.sender.senderType === 'member') {
      await checkMemberSignature(group, request, content.sender.leafIndex);
      // Per member only once the member is authenticated, so nobody can spend another member's budget.
      state.limiter.take('/group_operation', 'member', `${key}|${content.sender.leafIndex}`);
    } else {
      if (request.authentication_data.auth_type !== 'anonymous') throw new ProviderError('unauthorized', 'ds_external_join is anonymous (profile §8)');
      state.limiter.take('/group_operation', 'member', `${key}|external|${source}`);
    }
    const result = await asDsError(() => processCommit(group, message, update.partial_group_info));
    // Profile §12: every LeafNode the commit brings in (Adds, Updates, the UpdatePath's) carries mimi_supported_versions.
    asDsErrorSync(() => {
      checkCommitLeaves(message);
    });
    if (!isOperation(type, result.summary)) throw new ProviderError('invalid_commit', `${type} must be a ${OPERATION_OF[type]} commit; this one is ${result.summary.operation}${result.summary.removal === null ? '' : ` (as a removal, ${result.summary.removal})`}`);
    await checkOperationRules(state, group, message, result.summary, type);
    // Never back to the sender: the committer's leaf, or for an external join the joiner's old leaf (a resync), if any.
    const senderLeaf = external ? result.summary.removed[0]?.leaf : result.summary.committer;
    const deliveries: Delivery[] = [{ recipients: othersThan(group, senderLeaf === undefined ? {} : { leaf: senderLeaf }), message: update.commit, kind: 'deliver_message' }];
    if (type === 'ds_add_users' || type === 'ds_add_clients') deliveries.push(...(await routeWelcomes(group, message, welcomes)));
    else if (welcomes.length > 0) throw new ProviderError('invalid_message', `${type} carries no Welcome`);
    // An external commit cannot include stored proposals: the DS proposes them again at the new epoch (profile §14).
    const carried = external ? await asDsError(() => carryOverProposals(state, group, result)) : { group: result.group, deliveries: [] };
    deliveries.push(...carried.deliveries);
    state.live();
    // Reserve (and check once more) the ReInit target before anything is stored; nothing may come between.
    if (type === 'ds_re_initialize_group') reserveReinitTarget(state, result.group, group, message, result.summary);
    if (type === 'ds_delete_group') {
      state.groups.delete(key);
      state.retiredGroupIds.add(key);
      state.acceptedMessages.delete(key);
    }
    else state.groups.set(key, external ? carried.group : joined(result.group, result.summary.committer));
    fanOut(state, deliveries);
    // Planted bug (defects.ts fanOutToRemoved): the members of the epoch before, removed ones included, are remembered for later messages.
    if (state.defects.fanOutToRemoved === true) rememberMembers(state, key, othersThan(group, {}));
  });
}
