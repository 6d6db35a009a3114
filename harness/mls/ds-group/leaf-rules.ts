import { defaultAuthenticationService, defaultLifetimeConfig, type GroupContext, type LeafNode, type MLSMessage, type Proposal } from 'ts-mls';
import { validateRatchetTree } from 'ts-mls/clientState.js';
import { treeHashRoot } from 'ts-mls/treeHash.js';
import { decode, DecodeError } from '../../codec/index.js';
import { DS_PROTOCOL_VERSION, MimiExtensionType, mimiSupportedVersions } from '../../messages/index.js';
import { mlsSuite } from '../suite.js';
import { refuse, type DsRefusalReason } from './refusal.js';

/**
 * What is wrong with a LeafNode's `mimi_supported_versions` (profile §12), or
 * undefined: the extension MUST be present exactly once, decode strictly as
 * MimiSupportedVersions, and list DS protocol version 1 (the only version of
 * this profile, so the one of every group). Versions this reader does not
 * know may be listed besides.
 *
 * @example
 * supportedVersionsProblem(kp.leafNode) // undefined for every harness client
 */
export function supportedVersionsProblem(leaf: LeafNode): string | undefined {
  const found = leaf.extensions.filter((e) => e.extensionType === MimiExtensionType.mimi_supported_versions);
  if (found.length === 0) return 'the LeafNode has no mimi_supported_versions extension (profile §12)';
  if (found.length > 1) return 'the LeafNode has mimi_supported_versions twice (RFC 9420 §13.4)';
  let versions: readonly number[];
  try {
    versions = decode(mimiSupportedVersions, (found[0] as { extensionData: Uint8Array }).extensionData, { rootName: 'MimiSupportedVersions' }).versions;
  } catch (error) {
    if (error instanceof DecodeError) return `mimi_supported_versions is malformed: ${error.message}`;
    throw error;
  }
  if (!versions.includes(DS_PROTOCOL_VERSION)) return `mimi_supported_versions lists [${versions.join(', ')}], not DS protocol version ${DS_PROTOCOL_VERSION} (profile §12)`;
  return undefined;
}

function checkLeaf(leaf: LeafNode, reason: DsRefusalReason, what: string): void {
  const problem = supportedVersionsProblem(leaf);
  if (problem !== undefined) refuse(reason, `${what}: ${problem}`);
}

/**
 * Refuses Add proposals whose KeyPackage's LeafNode, and Update proposals
 * whose LeafNode, break {@link supportedVersionsProblem} (`invalid_proposal`).
 *
 * @example
 * checkProposalLeaves([addProposal(kp)]);
 */
export function checkProposalLeaves(proposals: readonly Proposal[]): void {
  for (const proposal of proposals) {
    if (proposal.proposalType === 'add') checkLeaf(proposal.add.keyPackage.leafNode, 'invalid_proposal', 'the added KeyPackage');
    else if (proposal.proposalType === 'update') checkLeaf(proposal.update.leafNode, 'invalid_proposal', 'the Update');
  }
}

/**
 * The profile §12 leaf checks of a MIMI group's commit, which the provider
 * runs on every commit it takes in (the tracker itself stays RFC 9420's, so
 * that it can follow groups of stacks without the profile's extensions):
 * Add and Update proposals by value (`invalid_proposal`, via
 * {@link checkProposalLeaves}), and the UpdatePath's LeafNode, a member's new
 * leaf or an external joiner's (`invalid_commit`). Proposals by reference
 * were checked when they were stored. Anything that is not a commit passes.
 *
 * @example
 * checkCommitLeaves(fromWire(commitBytes));
 */
export function checkCommitLeaves(message: MLSMessage): void {
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'commit') return;
  const { proposals, path } = message.publicMessage.content.commit;
  checkProposalLeaves(proposals.flatMap((p) => (p.proposalOrRefType === 'proposal' ? [p.proposal] : [])));
  if (path !== undefined) checkLeaf(path.leafNode, 'invalid_commit', "the committer's new leaf");
}

/** Which parts of {@link creatorLeafProblem} run; both do by default, and the provider turns one off only for a planted bug (defects.ts). */
export interface CreatorLeafChecks {
  /** RFC 9420 §7.3 against the new group's context. */
  readonly rfc9420?: boolean;
  /** Profile §12's mimi_supported_versions. */
  readonly supportedVersions?: boolean;
}

/**
 * What is wrong with a group creator's LeafNode (CreateGroup's `leaf_node`),
 * or undefined: RFC 9420 §7.3 against the new group's context (signature,
 * credential, capabilities and extensions, required capabilities; checked as
 * the only leaf of a tree, with that tree's own hash, so that a wrong tree
 * hash stays the GroupInfo's fault) and profile §12's mimi_supported_versions.
 *
 * @example
 * const problem = await creatorLeafProblem(leaf, groupInfo.groupContext);
 */
export async function creatorLeafProblem(leaf: LeafNode, groupContext: GroupContext, checks: CreatorLeafChecks = {}): Promise<string | undefined> {
  if (checks.rfc9420 !== false) {
    const cs = await mlsSuite();
    const tree = [{ nodeType: 'leaf' as const, leaf }];
    try {
      const error = await validateRatchetTree(tree, groupContext, defaultLifetimeConfig, defaultAuthenticationService, await treeHashRoot(tree, cs.hash), cs);
      if (error !== undefined) return `${error.name}: ${error.message}`;
    } catch (error) {
      return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    }
  }
  return checks.supportedVersions === false ? undefined : supportedVersionsProblem(leaf);
}
