import { bytesToBase64, type KeyPackage, type MLSMessage, type Proposal } from 'ts-mls';
import { makeKeyPackageRef } from 'ts-mls/keyPackage.js';
import { decode, DecodeError } from '../codec/index.js';
import { MimiExtensionType, mimiGroupContext, type ClientId, type MimiGroupContext } from '../messages/index.js';
import { clientOfLeaf } from './ds-group/index.js';
import type { DsGroup } from './ds-group/index.js';
import { mlsSuite } from './suite.js';

/** The proposals a commit carries by value, and the stored ones it references (those it may reference). */
export function proposalsOfCommit(group: DsGroup, message: MLSMessage): Proposal[] {
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'commit') return [];
  return message.publicMessage.content.commit.proposals.flatMap((p) => {
    if (p.proposalOrRefType === 'proposal') return [p.proposal];
    const stored = group.unappliedProposals[bytesToBase64(p.reference)];
    return stored === undefined ? [] : [stored.proposal];
  });
}

/**
 * The KeyPackages a commit adds, with their KeyPackageRefs (RFC 9420 §5.2),
 * the values a Welcome names its recipients by.
 *
 * @example
 * const adds = await addedKeyPackages(group, commitMessage);
 */
export async function addedKeyPackages(group: DsGroup, message: MLSMessage): Promise<{ keyPackage: KeyPackage; ref: Uint8Array }[]> {
  const cs = await mlsSuite();
  const adds = proposalsOfCommit(group, message).flatMap((p) => (p.proposalType === 'add' ? [p.add.keyPackage] : []));
  return Promise.all(adds.map(async (keyPackage) => ({ keyPackage, ref: await makeKeyPackageRef(keyPackage, cs.hash) })));
}

/** The KeyPackageRefs a Welcome has secrets for (RFC 9420 §12.4.3.1), or undefined if it is not a Welcome. */
export function welcomeRecipients(message: MLSMessage): Uint8Array[] | undefined {
  return message.wireformat === 'mls_welcome' ? message.welcome.secrets.map((s) => s.newMember) : undefined;
}

/** The group's mimi_group_context (profile §12), or undefined when it is missing or malformed. */
export function mimiContextOf(group: DsGroup): MimiGroupContext | undefined {
  const extension = group.groupContext.extensions.find((e) => e.extensionType === MimiExtensionType.mimi_group_context);
  if (extension === undefined) return undefined;
  try {
    return decode(mimiGroupContext, extension.extensionData);
  } catch (error) {
    if (error instanceof DecodeError) return undefined;
    throw error;
  }
}

/** Every member leaf of the DS's tree with the ClientID of its credential (null if it has none, profile §12). */
export function groupMembers(group: DsGroup): { leaf: number; client: ClientId | null }[] {
  const members: { leaf: number; client: ClientId | null }[] = [];
  group.ratchetTree.forEach((node, index) => {
    if (index % 2 === 0 && node?.nodeType === 'leaf') members.push({ leaf: index / 2, client: clientOfLeaf(node.leaf) });
  });
  return members;
}
