import type { GroupInfo, LeafNode, MLSMessage, RatchetTree } from 'ts-mls';
import { encodeGroupContext } from 'ts-mls/groupContext.js';
import { decodeRatchetTree, encodeRatchetTree } from 'ts-mls/ratchetTree.js';
import type { Member } from './client.js';
import { decode, encode, mlsMessage, ratchetTree, type RatchetTreeNodes } from '../codec/index.js';
import type { DsGroup } from './ds-group/index.js';
import { toWire } from './wire.js';

/**
 * The DS group's current GroupInfo as an MLSMessage in the harness codec's
 * form (for DSResponse external_commit_info).
 *
 * @example
 * const groupInfo = groupInfoMessageOf(group);
 */
export function groupInfoMessageOf(group: DsGroup): ReturnType<typeof mlsMessage.read> {
  return decode(mlsMessage, toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo: group.groupInfo }));
}

/** A ratchet tree in the harness codec's form (`optional<Node> ratchet_tree<V>`). @example treeNodesOf(group.ratchetTree) */
export function treeNodesOf(tree: RatchetTree): RatchetTreeNodes {
  return decode(ratchetTree, encodeRatchetTree(tree));
}

/** The GroupInfo inside an MLSMessage, or undefined if it is another wire format. */
export function groupInfoIn(message: MLSMessage): GroupInfo | undefined {
  return message.wireformat === 'mls_group_info' ? message.groupInfo : undefined;
}

/** The signature key of a LeafNode (the key a ClientSignature is checked against). */
export function signatureKeyOf(leaf: LeafNode): Uint8Array {
  return leaf.signaturePublicKey;
}

/** The inverse of {@link treeNodesOf}: a served tree as ts-mls's RatchetTree. @example const tree = treeFromNodes(body.ratchet_tree) */
export function treeFromNodes(nodes: RatchetTreeNodes): RatchetTree {
  const decoded = decodeRatchetTree(encode(ratchetTree, nodes), 0);
  if (decoded === undefined) throw new Error('the served ratchet tree does not decode');
  return decoded[0];
}

/**
 * Whether a member holds exactly the DS's view of the group: the same
 * GroupContext and ratchet tree, byte for byte (RFC 9420 §8.1, §12.4.3.3).
 *
 * @example
 * if (!agreesWithDs(member, dsGroup)) problems.push('out of step');
 */
export function agreesWithDs(member: Member, group: DsGroup): boolean {
  const same = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);
  return same(encodeGroupContext(member.state.groupContext), encodeGroupContext(group.groupContext)) && same(encodeRatchetTree(member.state.ratchetTree), encodeRatchetTree(group.ratchetTree));
}
