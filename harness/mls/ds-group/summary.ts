import type { LeafNode, Proposal, RatchetTree } from 'ts-mls';
import { leafToNodeIndex, toLeafIndex } from 'ts-mls/treemath.js';
import { decode, DecodeError } from '../../codec/index.js';
import { clientId, type ClientId } from '../../messages/index.js';
import type { DsGroup } from './state.js';

/** The DS operation a commit represents (DS draft "Client-initiated operations"). */
export type DsOperation =
  | 'add_users'
  | 'add_clients'
  | 'remove_users'
  | 'remove_clients'
  | 'update_client'
  | 'external_join'
  | 'delete_group'
  | 're_initialize_group'
  /** Only stored proposals, by reference, and no path: no client operation of its own. */
  | 'pending_proposals'
  | 'mixed';

/** What a commit did, with the clients involved, for the provider's per-operation rules. */
export interface CommitSummary {
  readonly operation: DsOperation;
  readonly committer: number;
  readonly external: boolean;
  /** An external commit that removed the joiner's own old leaf. */
  readonly resync: boolean;
  readonly hasPath: boolean;
  /** Types of every proposal the commit applied, by value and by reference. */
  readonly proposalTypes: readonly string[];
  /** Types of the proposals sent by value, which decide the operation (stored ones are allowed by reference). */
  readonly byValueTypes: readonly string[];
  /** Leaves added, with the ClientID in their credential (null if it is not a profile ClientID). */
  readonly added: readonly { readonly leaf: number; readonly client: ClientId | null }[];
  readonly removed: readonly { readonly leaf: number; readonly client: ClientId | null }[];
  /** The committer's ClientID. */
  readonly committerClient: ClientId | null;
  /**
   * For a commit of only Removes by value: the removal it is, as if it did
   * not leave the committer alone (remove_users, remove_clients or mixed);
   * null for any other commit. A removal that leaves the committer alone is
   * classified delete_group, and the request type decides whether the group
   * is deleted or kept (profile §14).
   */
  readonly removal: 'remove_users' | 'remove_clients' | 'mixed' | null;
}

/** The ClientID in a leaf's BasicCredential, or null (profile §2, §12). */
export function clientOfLeaf(leaf: LeafNode): ClientId | null {
  if (leaf.credential.credentialType !== 'basic') return null;
  try {
    return decode(clientId, leaf.credential.identity);
  } catch (error) {
    if (error instanceof DecodeError) return null;
    throw error;
  }
}

function clientAt(tree: RatchetTree, leaf: number): ClientId | null {
  const node = tree[leafToNodeIndex(toLeafIndex(leaf))];
  return node?.nodeType === 'leaf' ? clientOfLeaf(node.leaf) : null;
}

/** A user's key; a leaf without a profile ClientID is a user of its own (never equal to another). */
const userKey = (client: ClientId | null, leaf: number): string => (client === null ? `?leaf${leaf}` : `${client.user.user_name}@${client.user.domain}`);

function membersOf(tree: RatchetTree): { leaf: number; client: ClientId | null }[] {
  const out: { leaf: number; client: ClientId | null }[] = [];
  for (let node = 0; node < tree.length; node += 2) {
    const entry = tree[node];
    if (entry?.nodeType === 'leaf') out.push({ leaf: node / 2, client: clientOfLeaf(entry.leaf) });
  }
  return out;
}

/** Inputs of {@link summarize}, gathered by processCommit. */
export interface SummaryInput {
  readonly before: DsGroup;
  readonly after: DsGroup;
  readonly committer: number;
  readonly external: boolean;
  readonly proposals: readonly Proposal[];
  readonly byValue: readonly Proposal[];
  readonly added: readonly number[];
  readonly removed: readonly number[];
  readonly hasPath: boolean;
  readonly reinit: boolean;
}

/**
 * Classifies a commit by the DS operation it represents. Adds of clients of
 * users already in the group are add_clients, of new users add_users;
 * removes of other clients of the committer's own user are remove_clients,
 * of every client of other users remove_users, of everyone but the
 * committer delete_group (with `removal` telling which removal it also is:
 * the request type decides, profile §14); a commit with only a path is
 * update_client. The provider enforces the rules of each operation on top.
 */
export function summarize(input: SummaryInput): CommitSummary {
  const { before, after, committer, proposals, hasPath } = input;
  const added = input.added.map((leaf) => ({ leaf, client: clientAt(after.ratchetTree, leaf) }));
  const removed = input.removed.map((leaf) => ({ leaf, client: clientAt(before.ratchetTree, leaf) }));
  const committerClient = clientAt(after.ratchetTree, committer);
  const types = proposals.map((p) => String(p.proposalType));
  const valueTypes = input.byValue.map((p) => String(p.proposalType));
  const base = { committer, external: input.external, resync: input.external && removed.length > 0, hasPath, proposalTypes: types, byValueTypes: valueTypes, added, removed, committerClient };
  const removal = removalOf(input, removed, committerClient, valueTypes);
  const alone = membersOf(after.ratchetTree).every((m) => m.leaf === committer);
  const operation = removal !== null && alone ? 'delete_group' : (removal ?? operationOf(input, added, valueTypes));
  return { operation, removal, ...base };
}

type Involved = readonly { readonly leaf: number; readonly client: ClientId | null }[];

function operationOf(input: SummaryInput, added: Involved, valueTypes: readonly string[]): DsOperation {
  if (input.external) return 'external_join';
  if (input.reinit) return 're_initialize_group';
  if (valueTypes.length === 0) return input.hasPath ? 'update_client' : 'pending_proposals';
  if (valueTypes.every((t) => t === 'add')) {
    const existingUsers = new Set(membersOf(input.before.ratchetTree).map((m) => userKey(m.client, m.leaf)));
    const users = new Set(added.map((a) => userKey(a.client, a.leaf)));
    const known = [...users].map((u) => existingUsers.has(u));
    if (known.every((k) => !k)) return 'add_users';
    // AddClients: clients of the same user as an existing member.
    return known.every(Boolean) && users.size === 1 ? 'add_clients' : 'mixed';
  }
  return 'mixed';
}

/**
 * A member's commit of only Removes by value: remove_clients when each
 * removes another client of the committer's own user, remove_users when
 * each removes a client of another user whose clients all go, else mixed.
 */
function removalOf(input: SummaryInput, removed: Involved, committerClient: ClientId | null, valueTypes: readonly string[]): CommitSummary['removal'] {
  if (input.external || input.reinit || valueTypes.length === 0 || !valueTypes.every((t) => t === 'remove')) return null;
  const valueLeaves = new Set(input.byValue.flatMap((p) => (p.proposalType === 'remove' ? [p.remove.removed] : [])));
  const byValue = removed.filter((r) => valueLeaves.has(r.leaf));
  const committerUser = userKey(committerClient, input.committer);
  if (byValue.every((r) => userKey(r.client, r.leaf) === committerUser)) return 'remove_clients';
  const remaining = membersOf(input.after.ratchetTree);
  const fullyRemoved = byValue.every((r) => userKey(r.client, r.leaf) !== committerUser && !remaining.some((m) => userKey(m.client, m.leaf) === userKey(r.client, r.leaf)));
  return fullyRemoved ? 'remove_users' : 'mixed';
}
