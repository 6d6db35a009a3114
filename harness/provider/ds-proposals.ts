import { decode, mlsMessage, type ValueOf } from '../codec/index.js';
import { clientIdText, type ClientId } from '../messages/index.js';
import { groupMembers, proposeAsDs, readExternalSenders, removeProposal, type DsGroup } from '../mls/index.js';
import { fanOut } from './fanout.js';
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
