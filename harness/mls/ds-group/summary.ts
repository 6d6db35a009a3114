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
  | 'mixed';

/** What a commit did, with the clients involved, for the provider's per-operation rules. */
export interface CommitSummary {
  readonly operation: DsOperation;
  readonly committer: number;
  readonly external: boolean;
  /** An external commit that removed the joiner's own old leaf. */
  readonly resync: boolean;
  readonly hasPath: boolean;
  readonly proposalTypes: readonly string[];
  /** Leaves added, with the ClientID in their credential (null if it is not a profile ClientID). */
  readonly added: readonly { readonly leaf: number; readonly client: ClientId | null }[];
  readonly removed: readonly { readonly leaf: number; readonly client: ClientId | null }[];
  /** The committer's ClientID. */
  readonly committerClient: ClientId | null;
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

const userKey = (client: ClientId | null): string => (client === null ? '?' : `${client.user.user_name}@${client.user.domain}`);

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
 * committer delete_group; a commit with only a path is update_client. The
 * provider enforces the rules of each operation on top.
 */
export function summarize(input: SummaryInput): CommitSummary {
  const { before, after, committer, proposals, hasPath } = input;
  const added = input.added.map((leaf) => ({ leaf, client: clientAt(after.ratchetTree, leaf) }));
  const removed = input.removed.map((leaf) => ({ leaf, client: clientAt(before.ratchetTree, leaf) }));
  const committerClient = clientAt(after.ratchetTree, committer);
  const types = proposals.map((p) => String(p.proposalType));
  const base = { committer, external: input.external, resync: input.external && removed.length > 0, hasPath, proposalTypes: types, added, removed, committerClient };
  const only = (type: string) => types.length > 0 && types.every((t) => t === type);
  let operation: DsOperation = 'mixed';
  if (input.external) operation = 'external_join';
  else if (input.reinit) operation = 're_initialize_group';
  else if (types.length === 0 && hasPath) operation = 'update_client';
  else if (only('add')) {
    const existingUsers = new Set(membersOf(before.ratchetTree).map((m) => userKey(m.client)));
    const known = added.map((a) => existingUsers.has(userKey(a.client)));
    operation = known.every(Boolean) ? 'add_clients' : known.some(Boolean) ? 'mixed' : 'add_users';
  } else if (only('remove')) {
    const remaining = membersOf(after.ratchetTree);
    const committerUser = userKey(committerClient);
    if (remaining.length === 1 && remaining[0]?.leaf === committer) operation = 'delete_group';
    else if (removed.every((r) => userKey(r.client) === committerUser)) operation = 'remove_clients';
    else if (removed.every((r) => userKey(r.client) !== committerUser && !remaining.some((m) => userKey(m.client) === userKey(r.client)))) operation = 'remove_users';
  }
  return { operation, ...base };
}
