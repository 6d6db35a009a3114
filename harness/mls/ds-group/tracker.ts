import { bytesToBase64, defaultAuthenticationService, defaultLifetimeConfig, proposeExternal, type ClientState, type GroupInfo, type LeafNode, type MLSMessage, type Proposal, type RatchetTree } from 'ts-mls';
import { makeProposalRef } from 'ts-mls/authenticatedContent.js';
import { defaultClientConfig } from 'ts-mls/clientConfig.js';
import { applyProposals, nextEpochContext, validateLeafNodeCredentialAndKeyUniqueness, validateLeafNodeUpdateOrCommit, validateRatchetTree } from 'ts-mls/clientState.js';
import { verifyGroupInfoSignature } from 'ts-mls/groupInfo.js';
import { addLeafNode, encodeRatchetTree, getSignaturePublicKeyFromLeafIndex, removeLeafNode } from 'ts-mls/ratchetTree.js';
import { leafToNodeIndex, nodeToLeafIndex, toLeafIndex, type LeafIndex } from 'ts-mls/treemath.js';
import { treeHashRoot } from 'ts-mls/treeHash.js';
import { applyUpdatePath } from 'ts-mls/updatePath.js';
import { addUnappliedProposal } from 'ts-mls/unappliedProposals.js';
import type { PartialGroupInfo } from '../../messages/index.js';
import { fromWireExtension } from '../partial-group-info.js';
import { mlsSuite } from '../suite.js';
import { toWire } from '../wire.js';
import { summarize, type CommitSummary } from './summary.js';
import { refuse, refusingAs } from './refusal.js';
import type { DsGroup, PendingJoin } from './state.js';
import { publicMessageOf, sameBytes, verifySender } from './verify.js';
import { checkExtensionChange, checkStandaloneProposal, refuseUnknownProposals } from './proposal-rules.js';

/**
 * Bootstraps a group from what CreateGroup carries (DS draft "Create group"):
 * the creator's signed GroupInfo and the ratchet tree. The tree is fully
 * validated (leaf signatures, key uniqueness, parent hashes, tree hash) and
 * the GroupInfo signature checked against the signer's leaf.
 *
 * @example
 * const group = await bootstrapGroup(groupInfo, tree);
 */
export async function bootstrapGroup(groupInfo: GroupInfo, ratchetTree: RatchetTree): Promise<DsGroup> {
  const cs = await mlsSuite();
  const signerKey = await refusingAs('invalid_group_info', () => getSignaturePublicKeyFromLeafIndex(ratchetTree, toLeafIndex(groupInfo.signer)));
  if (!(await refusingAs('invalid_group_info_signature', () => verifyGroupInfoSignature(groupInfo, signerKey, cs.signature)))) refuse('invalid_group_info_signature', 'the GroupInfo signature does not verify');
  const problem = await refusingAs('invalid_group_info', () => validateRatchetTree(ratchetTree, groupInfo.groupContext, defaultLifetimeConfig, defaultAuthenticationService, groupInfo.groupContext.treeHash, cs));
  if (problem !== undefined) refuse('invalid_group_info', `${problem.name}: ${problem.message}`);
  return { groupContext: groupInfo.groupContext, ratchetTree, confirmationTag: groupInfo.confirmationTag, groupInfo, unappliedProposals: {}, suspended: false, pendingJoins: [] };
}

/**
 * Bootstraps a group from a CreateGroup request as the DS draft defines it
 * ("Create group"): the creator's LeafNode and the group's GroupInfo. The
 * group must be at epoch 0 with the creator alone, so the tree is that leaf.
 *
 * @example
 * const group = await bootstrapFromCreateGroup(request.group_info.value.groupInfo, request.leaf_node.value);
 */
export async function bootstrapFromCreateGroup(groupInfo: GroupInfo, leafNode: LeafNode): Promise<DsGroup> {
  if (groupInfo.groupContext.epoch !== 0n) refuse('invalid_group_info', `a new group starts at epoch 0, not ${groupInfo.groupContext.epoch}`);
  if (groupInfo.signer !== 0) refuse('invalid_group_info', 'the creator (leaf 0) must sign the GroupInfo');
  return bootstrapGroup(groupInfo, [{ nodeType: 'leaf', leaf: leafNode }]);
}

/**
 * A standalone proposal (a member's self-remove, an external sender's
 * proposal): verified and stored for this epoch; the next commit must
 * include it by reference.
 *
 * @example
 * group = await processProposal(group, fromWire(bytes));
 */
export async function processProposal(group: DsGroup, message: MLSMessage): Promise<DsGroup> {
  const cs = await mlsSuite();
  const publicMessage = publicMessageOf(group, message);
  if (publicMessage.content.contentType !== 'proposal') refuse('invalid_proposal', `a ${publicMessage.content.contentType}, not a proposal`);
  await verifySender(group, publicMessage, cs);
  await checkStandaloneProposal(group, publicMessage.content.sender, publicMessage.content.proposal, cs);
  const ref = await makeProposalRef({ wireformat: 'mls_public_message', content: publicMessage.content, auth: publicMessage.auth }, cs.hash);
  const { sender } = publicMessage.content;
  const senderLeaf = sender.senderType === 'member' ? sender.leafIndex : undefined;
  return { ...group, unappliedProposals: addUnappliedProposal(ref, group.unappliedProposals, publicMessage.content.proposal, senderLeaf) };
}

/**
 * A proposal by the DS itself as an external sender (DS draft "DS-initiated
 * operations"): signed with the DS's key, stored like any other, and
 * returned for fan-out.
 *
 * @example
 * const { group: next, message } = await proposeAsDs(group, removeProposal(3), dsKeys);
 */
export async function proposeAsDs(group: DsGroup, proposal: Proposal, keys: { readonly publicKey: Uint8Array; readonly signKey: Uint8Array }): Promise<{ group: DsGroup; message: Uint8Array; proposal: MLSMessage }> {
  const cs = await mlsSuite();
  const message = await proposeExternal({ groupContext: group.groupContext } as GroupInfo, proposal, keys.publicKey, keys.signKey, cs);
  return { group: await processProposal(group, message), message: toWire(message), proposal: message };
}

/** What a commit did to the group, for the provider's per-operation rules. */
export interface CommitResult {
  readonly group: DsGroup;
  readonly summary: CommitSummary;
  /**
   * Stored proposals of the old epoch the commit did not include: always
   * none for a member's commit (missing_proposal), all of them for an
   * external commit, which cannot reference proposals (RFC 9420 §12.4.3.2).
   * See {@link carriedProposals} for what the DS proposes again (profile §14).
   */
  readonly discarded: readonly Proposal[];
}

// applyProposals is given a state with public fields only; it reads the
// GroupContext, tree, stored proposals, client config and the committer's
// leaf index, never a private key (DESIGN.md). PSK secrets feed only the key
// schedule, which the DS does not run, so a lookup returning zeros serves.
function publicState(group: DsGroup, committer: LeafIndex): ClientState {
  return { groupContext: group.groupContext, ratchetTree: group.ratchetTree, unappliedProposals: group.unappliedProposals, privatePath: { leafIndex: committer, privateKeys: {} }, clientConfig: defaultClientConfig } as unknown as ClientState;
}

const zeroPsks = (size: number) => ({ findPsk: () => new Uint8Array(size) });

/** Rules {@link processCommit} may relax: only planted bugs (issue 10 §4, provider defects.ts) set them. */
export interface CommitLeniency {
  /** A member's UpdatePath may change the committer's credential (profile §12 refuses it with invalid_commit): defects.ts credentialChangeTakenBy. */
  readonly credentialMayChange?: boolean;
  /** A GroupContextExtensions proposal may change `mimi_group_context` and `external_senders` (profile §12 forbids it): defects.ts updateTakesGroupContextChanges. */
  readonly fixedExtensionsMayChange?: boolean;
}

/**
 * A PublicMessage commit with its PartialGroupInfo, in RFC 9420 order:
 * 1. the committer's signature against its leaf (or its new leaf, for an external commit);
 * 2. proposals by reference resolved against this epoch's stored ones;
 * 3. proposals and UpdatePath applied;
 * 4. the committer's new leaf validated;
 * 5. the next GroupContext computed (tree hash, transcript hashes, epoch);
 * 6. the new epoch's GroupInfo assembled from the PartialGroupInfo, its signature verified.
 * The confirmation tag cannot be checked (it needs the epoch's confirmation key).
 *
 * @example
 * const { group: next, summary } = await processCommit(group, fromWire(commitBytes), partialGroupInfo);
 */
export async function processCommit(group: DsGroup, message: MLSMessage, partial: PartialGroupInfo, leniency: CommitLeniency = {}): Promise<CommitResult> {
  const cs = await mlsSuite();
  const publicMessage = publicMessageOf(group, message);
  const { content, auth } = publicMessage;
  if (content.contentType !== 'commit' || auth.contentType !== 'commit') refuse('invalid_commit', `a ${content.contentType}, not a commit`);
  const { sender, commit } = content;
  if (sender.senderType !== 'member' && sender.senderType !== 'new_member_commit') refuse('invalid_commit', `sender type ${sender.senderType} cannot commit`);
  await verifySender(group, publicMessage, cs);
  const { path } = commit;

  let tree: RatchetTree;
  let committer: LeafIndex;
  let external = false;
  let needsPath: boolean;
  let extensions = group.groupContext.extensions;
  let reinit = false;
  let added: number[] = [];
  let proposals: Proposal[];
  const byValue = commit.proposals.flatMap((p) => (p.proposalOrRefType === 'proposal' ? [p.proposal] : []));
  if (sender.senderType === 'member') {
    committer = toLeafIndex(sender.leafIndex);
    for (const p of commit.proposals) {
      if (p.proposalOrRefType === 'proposal' && p.proposal.proposalType === 'external_init') refuse('invalid_proposal', 'a member cannot commit external_init');
      if (p.proposalOrRefType === 'reference' && group.unappliedProposals[bytesToBase64(p.reference)] === undefined) {
        refuse('unknown_proposal_reference', `no stored proposal ${bytesToBase64(p.reference)} in epoch ${group.groupContext.epoch}`);
      }
    }
    const stored = Object.keys(group.unappliedProposals);
    const referenced = new Set(commit.proposals.flatMap((p) => (p.proposalOrRefType === 'reference' ? [bytesToBase64(p.reference)] : [])));
    const missing = stored.filter((ref) => !referenced.has(ref));
    // DS draft "Proposals by reference": a commit MUST include every stored proposal by reference.
    if (missing.length > 0) refuse('missing_proposal', `${missing.length} stored proposal(s) not included by reference`);
    refuseUnknownProposals(commit.proposals.flatMap((p) => (p.proposalOrRefType === 'proposal' ? [p.proposal] : [])));
    const applied = await refusingAs('invalid_proposal', () => applyProposals(publicState(group, committer), commit.proposals, committer, zeroPsks(cs.kdf.size), false, cs));
    tree = applied.tree;
    proposals = applied.allProposals.map((p) => p.proposal);
    // RFC 9420 §12.4: a commit with GroupContextExtensions needs a path (ts-mls 1.6.4 does not require one).
    needsPath = applied.needsUpdatePath || proposals.some((p) => p.proposalType === 'group_context_extensions');
    reinit = applied.additionalResult.kind === 'reinit';
    if (applied.additionalResult.kind === 'memberCommit') {
      added = applied.additionalResult.addedLeafNodes.map(([leaf]) => leaf);
      if (proposals.some((p) => p.proposalType === 'group_context_extensions')) {
        extensions = applied.additionalResult.extensions;
        if (leniency.fixedExtensionsMayChange !== true) checkExtensionChange(group.groupContext.extensions, extensions);
      }
    }
  } else {
    // External commit (RFC 9420 §12.4.3.2): one ExternalInit, at most one Remove (resync), PSKs; all by value.
    external = true;
    if (commit.proposals.some((p) => p.proposalOrRefType !== 'proposal')) refuse('invalid_commit', 'an external commit cannot reference proposals');
    proposals = commit.proposals.flatMap((p) => (p.proposalOrRefType === 'proposal' ? [p.proposal] : []));
    const types = proposals.map((p) => p.proposalType);
    if (types.filter((t) => t === 'external_init').length !== 1) refuse('invalid_commit', 'an external commit needs exactly one external_init');
    if (types.filter((t) => t === 'remove').length > 1 || types.some((t) => t !== 'external_init' && t !== 'remove' && t !== 'psk')) refuse('invalid_commit', 'an external commit may only add one Remove and PSKs');
    if (path === undefined) refuse('invalid_commit', 'an external commit needs an UpdatePath');
    tree = group.ratchetTree;
    for (const proposal of proposals) {
      if (proposal.proposalType !== 'remove') continue;
      const old = tree[leafToNodeIndex(toLeafIndex(proposal.remove.removed))];
      if (old?.nodeType !== 'leaf') refuse('invalid_proposal', 'the resync removes a blank leaf');
      // RFC 9420 §12.4.3.2: a resync replaces the same client.
      const oldIdentity = old.leaf.credential.credentialType === 'basic' ? old.leaf.credential.identity : new Uint8Array(0);
      const newIdentity = path.leafNode.credential.credentialType === 'basic' ? path.leafNode.credential.identity : new Uint8Array(1);
      if (!sameBytes(oldIdentity, newIdentity)) refuse('invalid_proposal', 'a resync must remove the leaf of the same client');
      tree = removeLeafNode(tree, toLeafIndex(proposal.remove.removed));
    }
    const [withLeaf, nodeIndex] = addLeafNode(tree, path.leafNode);
    committer = nodeToLeafIndex(nodeIndex);
    tree = withLeaf;
    needsPath = true;
  }
  if (needsPath && path === undefined) refuse('invalid_commit', 'these proposals require an UpdatePath');
  const beforePath = tree;
  if (path !== undefined) {
    if (!external && leniency.credentialMayChange !== true) {
      // Profile §12: a member's ClientID (its credential) does not change in a commit (DS draft: "MUST NOT change the sender's client credential").
      const old = group.ratchetTree[leafToNodeIndex(committer)];
      const oldIdentity = old?.nodeType === 'leaf' && old.leaf.credential.credentialType === 'basic' ? old.leaf.credential.identity : undefined;
      const newIdentity = path.leafNode.credential.credentialType === 'basic' ? path.leafNode.credential.identity : undefined;
      if (oldIdentity === undefined || newIdentity === undefined || !sameBytes(oldIdentity, newIdentity)) refuse('invalid_commit', "the committer's credential may not change");
    }
    const leafProblem = await refusingAs('invalid_commit', () => validateLeafNodeUpdateOrCommit(path.leafNode, committer, group.groupContext, defaultAuthenticationService, cs.signature));
    if (leafProblem !== undefined) refuse('invalid_commit', `the committer's new leaf: ${leafProblem.message}`);
    const unique = await validateLeafNodeCredentialAndKeyUniqueness(beforePath, path.leafNode, committer);
    if (unique !== undefined) refuse('invalid_commit', `the committer's new leaf: ${unique.message}`);
    tree = await refusingAs('invalid_commit', () => applyUpdatePath(beforePath, committer, path, cs.hash, external));
    const stillUnique = await validateLeafNodeCredentialAndKeyUniqueness(tree, path.leafNode, committer);
    if (stillUnique !== undefined) refuse('invalid_commit', `the resulting tree: ${stillUnique.message}`);
  }
  const treeHash = await treeHashRoot(tree, cs.hash);
  const context = extensions === group.groupContext.extensions ? group.groupContext : { ...group.groupContext, extensions };
  const groupContext = await nextEpochContext(context, 'mls_public_message', content, auth.signature, treeHash, group.confirmationTag, cs.hash);
  const confirmationTag = auth.confirmationTag;
  const groupInfo: GroupInfo = {
    groupContext,
    extensions: await refusingAs('invalid_group_info', () => partial.group_info_extensions.map(fromWireExtension)),
    confirmationTag,
    signer: committer,
    signature: partial.signature,
  };
  const signerKey = await refusingAs('invalid_commit', () => getSignaturePublicKeyFromLeafIndex(tree, committer));
  if (!groupInfo.extensions.some((e) => e.extensionType === 'external_pub')) refuse('invalid_group_info', 'the PartialGroupInfo has no external_pub, so nobody could join by external commit');
  // Profile §12: a committer may upload ratchet_tree (RFC 9420 §12.4.3.3) for joiners that need it in the GroupInfo; the DS serves it only if it is the group's tree.
  const uploadedTree = groupInfo.extensions.find((e) => e.extensionType === 'ratchet_tree');
  if (uploadedTree !== undefined && !sameBytes(uploadedTree.extensionData, encodeRatchetTree(tree))) refuse('invalid_group_info', "the PartialGroupInfo's ratchet_tree is not the group's tree");
  if (!(await refusingAs('invalid_group_info_signature', () => verifyGroupInfoSignature(groupInfo, signerKey, cs.signature)))) refuse('invalid_group_info_signature', 'the PartialGroupInfo signature does not verify for the new epoch');
  const removed = proposals.flatMap((p) => (p.proposalType === 'remove' ? [p.remove.removed] : []));
  const pendingJoins: PendingJoin[] = group.pendingJoins
    .map((pending) => ({ ...pending, joiners: pending.joiners.filter((leaf) => !removed.includes(leaf)) }))
    .filter((pending) => pending.joiners.length > 0);
  if (added.length > 0) pendingJoins.push({ epoch: groupContext.epoch, ratchetTree: tree, joiners: added });
  const next: DsGroup = { groupContext, ratchetTree: tree, confirmationTag, groupInfo, unappliedProposals: {}, suspended: reinit, pendingJoins };
  const discarded = external ? Object.values(group.unappliedProposals).map((p) => p.proposal) : [];
  return { group: next, discarded, summary: summarize({ before: group, after: next, committer, external, proposals, byValue, added, removed, hasPath: path !== undefined, reinit }) };
}


/**
 * The ratchet tree a client added in `epoch` needs to process its Welcome,
 * kept until it has joined (DS draft "DS assisted joining").
 *
 * @example
 * const tree = treeForJoiner(group, 4n, 2);
 */
export function treeForJoiner(group: DsGroup, epoch: bigint, leafIndex: number): RatchetTree | undefined {
  return group.pendingJoins.find((pending) => pending.epoch === epoch && pending.joiners.includes(leafIndex))?.ratchetTree;
}

/** Forgets a joiner once it has joined (the provider learns it from the joiner's first request in a later epoch). */
export function markJoined(group: DsGroup, leafIndex: number): DsGroup {
  const pendingJoins = group.pendingJoins.map((p) => ({ ...p, joiners: p.joiners.filter((leaf) => leaf !== leafIndex) })).filter((p) => p.joiners.length > 0);
  return { ...group, pendingJoins };
}
