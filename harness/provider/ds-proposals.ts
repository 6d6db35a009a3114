import { decode, mlsMessage, type ValueOf } from '../codec/index.js';
import { clientIdText, type ClientId } from '../messages/index.js';
import { carriedProposals, groupMembers, proposeAsDs, readExternalSenders, removeProposal, type CommitResult, type DsGroup } from '../mls/index.js';
import { fanOut, type Delivery } from './fanout.js';
import { ProviderError } from './provider-error.js';
import type { ProviderState } from './provider-state.js';


/** Whether the group lists this DS's current key in external_senders (after a key rotation it does not, and a proposal would not verify). */
function listsCurrentKey(state: ProviderState, group: DsGroup): boolean {
  const extension = group.groupContext.extensions.find((e) => e.extensionType === 'external_senders');
  const senders = extension === undefined ? undefined : readExternalSenders(extension.extensionData);
  const key = state.verificationKey.publicKey;
  return senders?.some((s) => s.signaturePublicKey.length === key.length && s.signaturePublicKey.every((b, i) => b === key[i])) === true;
}

/**
 * DS-initiated removal (DS draft "DS-initiated operations", "Client
 * removals"): in every group this DS owns where `client` has a leaf, the DS
 * proposes its Remove as an external sender, stores it (the next commit
 * must include it by reference) and fans it out to every member. Groups
 * whose external_senders no longer list the DS's current key are skipped
 * and returned, since members could not verify the proposal.
 *
 * @example
 * const { proposed, skipped } = await proposeRemoval(state, carol);
 */
export async function proposeRemoval(state: ProviderState, client: ClientId): Promise<{ proposed: string[]; skipped: string[] }> {
  const proposed: string[] = [];
  const skipped: string[] = [];
  for (const key of [...state.groups.keys()]) {
    await state.exclusive(key, async () => {
      const group = state.groups.get(key);
      const leaf = group === undefined ? undefined : groupMembers(group).find((m) => m.client !== null && clientIdText(m.client) === clientIdText(client))?.leaf;
      if (group === undefined || leaf === undefined) return;
      if (!listsCurrentKey(state, group)) {
        skipped.push(key);
        return;
      }
      const { group: next, message } = await proposeAsDs(group, removeProposal(leaf), state.verificationKey);
      const embedded: ValueOf<typeof mlsMessage> = decode(mlsMessage, message);
      state.live();
      state.groups.set(key, next);
      fanOut(state, [{ recipients: groupMembers(group).flatMap((m) => (m.client === null ? [] : [m.client])), message: embedded, kind: 'deliver_message' }]);
      proposed.push(key);
    });
  }
  return { proposed, skipped };
}

/**
 * After an external commit (profile §14): the stored proposals it had to
 * leave out (RFC 9420 §12.4.3.2) that still apply are proposed again by the
 * DS at the new epoch, a member's self-remove included (as the DS's Remove
 * of that leaf), so the next member commit includes them by reference (DS
 * draft §5). Returns the group to store and the proposals to fan out to
 * every member of the new epoch, after the commit. If the DS cannot propose
 * (its current key is not in the group's external_senders), the external
 * commit is refused (`missing_proposal`). Pure: nothing is stored.
 *
 * @example
 * const { group, deliveries } = await carryOverProposals(state, before, result);
 */
export async function carryOverProposals(state: ProviderState, before: DsGroup, result: CommitResult): Promise<{ group: DsGroup; deliveries: Delivery[] }> {
  const again = carriedProposals(before, result.group, result.discarded);
  if (again.length === 0) return { group: result.group, deliveries: [] };
  if (!listsCurrentKey(state, result.group)) throw new ProviderError('missing_proposal', `${again.length} stored proposal(s) an external commit cannot include, and the DS cannot propose them again: the group does not list its current key (profile §14)`);
  const recipients = groupMembers(result.group).flatMap((m) => (m.client === null ? [] : [m.client]));
  let group = result.group;
  const deliveries: Delivery[] = [];
  for (const proposal of again) {
    const proposed = await proposeAsDs(group, proposal, state.verificationKey);
    group = proposed.group;
    deliveries.push({ recipients, message: decode(mlsMessage, proposed.message), kind: 'deliver_message' });
  }
  return { group, deliveries };
}
