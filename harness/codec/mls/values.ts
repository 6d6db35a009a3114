import * as fc from 'fast-check';
import type { GroupInfo, KeyPackage, LeafNode, MLSMessage, Node } from 'ts-mls';
import { decodeGroupInfo, encodeGroupInfo } from 'ts-mls/groupInfo.js';
import { decodeKeyPackage, encodeKeyPackage } from 'ts-mls/keyPackage.js';
import { decodeLeafNode, encodeLeafNode } from 'ts-mls/leafNode.js';
import { decodeMlsMessage, encodeMlsMessage } from 'ts-mls/message.js';
import { decodeNode, encodeNode } from 'ts-mls/ratchetTree.js';
import type { Codec } from '../codec.js';
import { fromHex } from '../json.js';
import { opaqueV } from '../opaque.js';
import { optional } from '../optional.js';
import { refine } from '../refine.js';
import { vectorV } from '../vector.js';
import { embeddedMls, type Embedded } from './embedded.js';
import { MLS_SAMPLES, type MlsSampleKind } from './samples.js';

const MLS_MESSAGE_KINDS: readonly MlsSampleKind[] = [
  'mls_welcome',
  'mls_group_info',
  'mls_key_package',
  'public_message_application',
  'public_message_proposal',
  'public_message_commit',
  'private_message',
];

function samples(kinds: readonly MlsSampleKind[]): Uint8Array[] {
  return kinds.flatMap((kind) => MLS_SAMPLES[kind].map((hex) => fromHex(hex, kind)));
}

function sampleMessages(wireformat: MLSMessage['wireformat']): MLSMessage[] {
  return samples(MLS_MESSAGE_KINDS).flatMap((bytes) => {
    const message = decodeMlsMessage(bytes, 0)?.[0];
    return message?.wireformat === wireformat ? [message] : [];
  });
}

function sampleKeyPackages(): KeyPackage[] {
  return sampleMessages('mls_key_package').flatMap((m) => (m.wireformat === 'mls_key_package' ? [m.keyPackage] : []));
}

/**
 * `MLSMessage` (RFC 9420 §6), any wire format. Which wire format a field
 * needs is checked by the DS, not the codec (docs/PROFILE.md, "Embedded MLS values").
 *
 * @example
 * decode(mlsMessage, bytes).value.wireformat // 'mls_public_message'
 */
export const mlsMessage: Codec<Embedded<MLSMessage>> = embeddedMls({
  name: 'MLSMessage',
  decode: decodeMlsMessage,
  encode: encodeMlsMessage,
  samples: () => samples(MLS_MESSAGE_KINDS),
});

/** `KeyPackage` (RFC 9420 §10). @example decode(keyPackage, bytes).value.cipherSuite */
export const keyPackage: Codec<Embedded<KeyPackage>> = embeddedMls({
  name: 'KeyPackage',
  decode: decodeKeyPackage,
  encode: encodeKeyPackage,
  samples: () => sampleKeyPackages().map(encodeKeyPackage),
});

/** `LeafNode` (RFC 9420 §7.2). @example decode(leafNode, bytes).value.leafNodeSource */
export const leafNode: Codec<Embedded<LeafNode>> = embeddedMls({
  name: 'LeafNode',
  decode: decodeLeafNode,
  encode: encodeLeafNode,
  samples: () => sampleKeyPackages().map((kp) => encodeLeafNode(kp.leafNode)),
});

/** `GroupInfo` (RFC 9420 §12.4.3), unwrapped. @example decode(groupInfo, bytes).value.groupContext.epoch */
export const groupInfo: Codec<Embedded<GroupInfo>> = embeddedMls({
  name: 'GroupInfo',
  decode: decodeGroupInfo,
  encode: encodeGroupInfo,
  samples: () => sampleMessages('mls_group_info').flatMap((m) => (m.wireformat === 'mls_group_info' ? [encodeGroupInfo(m.groupInfo)] : [])),
});

/** One ratchet tree `Node` (RFC 9420 §12.4.3.3). @example decode(node, bytes).value.nodeType */
export const node: Codec<Embedded<Node>> = embeddedMls({
  name: 'Node',
  decode: decodeNode,
  encode: encodeNode,
  samples: () => sampleTrees().flatMap((tree) => tree.flatMap((n) => (n === null ? [] : [n.bytes]))),
});

/** A ratchet tree as carried on the wire. */
export type RatchetTreeNodes = (Embedded<Node> | null)[];

function treeShapeProblem(tree: RatchetTreeNodes): string | undefined {
  if (tree.length === 0) return 'a ratchet tree has at least one node';
  if (tree.length % 2 === 0) return `a ratchet tree has an odd number of nodes, not ${tree.length}`;
  if (tree[tree.length - 1] === null) return 'the last node of a ratchet tree must be non-blank (RFC 9420 §12.4.3.3)';
  for (const [index, n] of tree.entries()) {
    const expected = index % 2 === 0 ? 'leaf' : 'parent';
    if (n !== null && n.value.nodeType !== expected) return `node ${index} must be a ${expected} node`;
  }
  return undefined;
}

let treePool: RatchetTreeNodes[] | undefined;
function sampleTrees(): RatchetTreeNodes[] {
  treePool ??= MLS_SAMPLES.ratchet_tree.map((hex) => decodeRatchetTreeSample(fromHex(hex, 'ratchet_tree')));
  return treePool;
}

function decodeRatchetTreeSample(bytes: Uint8Array): RatchetTreeNodes {
  const reader = { bytes, pos: 0, end: bytes.length, path: [], depth: 0, limits: { maxTotalBytes: bytes.length, maxVectorBytes: bytes.length, maxVectorElements: 1 << 16, maxDepth: 8 } };
  return treeNodes.read(reader);
}

const treeNodes = vectorV(optional(node));

/**
 * `optional<Node> ratchet_tree<V>` (RFC 9420 §12.4.3.3): non-empty, odd
 * length, leaves at even and parents at odd indices, last node non-blank.
 *
 * @example
 * decode(ratchetTree, bytes).length // node count
 */
export const ratchetTree: Codec<RatchetTreeNodes> = {
  ...refine(treeNodes, 'ratchet tree shape', treeShapeProblem),
  describe: 'optional<Node> ratchet_tree<V>',
  arbitrary: () => fc.constantFrom(...sampleTrees()),
};

/** `SignaturePublicKey` (RFC 9420 §5.1.1): `opaque signature_key<V>`. @example decode(signaturePublicKey, bytes) */
export const signaturePublicKey: Codec<Uint8Array> = opaqueV;
