import type { CiphersuiteImpl, Extension, Proposal, Sender } from 'ts-mls';
import { verifyKeyPackage } from 'ts-mls/keyPackage.js';
import { leafToNodeIndex, toLeafIndex } from 'ts-mls/treemath.js';
import { MimiExtensionType } from '../../messages/index.js';
import { checkProposalLeaves } from './leaf-rules.js';
import { refuse, refusingAs } from './refusal.js';
import type { DsGroup } from './state.js';
import { sameBytes } from './verify.js';

const KNOWN = new Set(['add', 'update', 'remove', 'psk', 'reinit', 'external_init', 'group_context_extensions']);

/** Refuses proposal types RFC 9420 does not define (a custom type no member has listed in its capabilities). */
export function refuseUnknownProposals(proposals: readonly Proposal[]): void {
  for (const proposal of proposals) {
    if (typeof proposal.proposalType === 'number' || !KNOWN.has(proposal.proposalType)) refuse('invalid_proposal', `proposal type ${String(proposal.proposalType)} is not supported by the group`);
  }
}

function isLeaf(group: DsGroup, leaf: number): boolean {
  return group.ratchetTree[leafToNodeIndex(toLeafIndex(leaf))]?.nodeType === 'leaf';
}

/**
 * The rules for a standalone proposal, checked when it arrives so that a
 * stored proposal can never make every later commit impossible (every
 * commit must include all stored proposals by reference):
 * - a member may only propose its own removal (DS draft "Self remove a client");
 * - the DS, as external sender, may propose Remove of a member or Add of a valid KeyPackage;
 * - no two stored proposals may remove the same leaf;
 * - in a MIMI group (one with mimi_group_context), an Add's or Update's
 *   LeafNode carries mimi_supported_versions listing version 1 (profile §12).
 */
export async function checkStandaloneProposal(group: DsGroup, sender: Sender, proposal: Proposal, cs: CiphersuiteImpl): Promise<void> {
  refuseUnknownProposals([proposal]);
  if (group.groupContext.extensions.some((e) => e.extensionType === MimiExtensionType.mimi_group_context)) checkProposalLeaves([proposal]);
  if (sender.senderType === 'member') {
    if (proposal.proposalType !== 'remove' || proposal.remove.removed !== sender.leafIndex) refuse('invalid_proposal', 'a member may only propose its own removal');
  } else if (sender.senderType === 'external') {
    if (proposal.proposalType === 'add') {
      const kp = proposal.add.keyPackage;
      if (kp.cipherSuite !== group.groupContext.cipherSuite || kp.version !== group.groupContext.version) refuse('invalid_proposal', 'the KeyPackage is for another version or ciphersuite');
      if (!(await refusingAs('invalid_proposal', () => verifyKeyPackage(kp, cs.signature)))) refuse('invalid_proposal', 'the KeyPackage signature does not verify');
    } else if (proposal.proposalType !== 'remove') refuse('invalid_proposal', `an external sender may not propose ${String(proposal.proposalType)}`);
  } else refuse('invalid_proposal', `standalone proposals from ${sender.senderType} senders are not accepted`);
  if (proposal.proposalType === 'remove') {
    const target = proposal.remove.removed;
    if (!isLeaf(group, target)) refuse('invalid_proposal', `leaf ${target} is blank`);
    const already = Object.values(group.unappliedProposals).some((stored) => stored.proposal.proposalType === 'remove' && stored.proposal.remove.removed === target);
    if (already) refuse('invalid_proposal', `a removal of leaf ${target} is already stored for this epoch`);
  }
}

function extensionData(extensions: readonly Extension[], type: Extension['extensionType']): Uint8Array | undefined {
  return extensions.find((e) => e.extensionType === type)?.extensionData;
}

/**
 * GroupContextExtensions may not change the profile's fixed extensions:
 * `mimi_group_context` never changes over a group's lifetime (DS draft
 * "Group lifecycle", profile §12), and `external_senders` keeps the DS's
 * entry, so the DS stays able to propose (DS draft "DS-initiated operations").
 */
export function checkExtensionChange(before: readonly Extension[], after: readonly Extension[]): void {
  const fixed = [MimiExtensionType.mimi_group_context, 'external_senders'] as const;
  for (const type of fixed) {
    const old = extensionData(before, type);
    const next = extensionData(after, type);
    if (old === undefined && next === undefined) continue;
    if (old === undefined || next === undefined || !sameBytes(old, next)) refuse('invalid_commit', `the ${String(type)} extension may not change`);
  }
}
