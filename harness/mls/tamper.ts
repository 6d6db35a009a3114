import type { GroupContext, MLSMessage, PublicMessage } from 'ts-mls';
import type { Commit } from 'ts-mls/commit.js';
import { signFramedContentTBS, toTbs } from 'ts-mls/framedContent.js';
import { mlsSuite } from './suite.js';
import { fromWire, toWire } from './wire.js';

/**
 * Edits a PublicMessage (for adversarial scenarios and the planted-bug
 * tests of the DS checks): `edit` returns the changed message, which is
 * re-signed with `signKey` when given, so that only the intended flaw
 * remains.
 *
 * @example
 * const bad = await tamperPublicMessage(commitBytes, (m) => ({ ...m, content: { ...m.content, epoch: 99n } }), context, alice.signatureKeyPair.signKey);
 */
export async function tamperPublicMessage(bytes: Uint8Array, edit: (message: PublicMessage) => PublicMessage, context?: GroupContext, signKey?: Uint8Array): Promise<Uint8Array> {
  const message: MLSMessage = fromWire(bytes);
  if (message.wireformat !== 'mls_public_message') throw new Error(`cannot tamper with a ${message.wireformat} as a PublicMessage`);
  let edited = edit(message.publicMessage);
  if (signKey !== undefined && context !== undefined) {
    const cs = await mlsSuite();
    const signature = await signFramedContentTBS(signKey, toTbs(edited.content, 'mls_public_message', context), cs.signature);
    edited = { ...edited, auth: { ...edited.auth, signature } };
  }
  return toWire({ ...message, publicMessage: edited });
}

/**
 * Edits the commit inside a PublicMessage commit (the usual planted flaw of
 * a DS check: a proposal swapped, a path dropped, a leaf changed), then
 * re-signs as {@link tamperPublicMessage} does.
 *
 * @example
 * const pathless = await tamperCommit(bytes, (c) => ({ proposals: c.proposals, path: undefined }), context, signKey);
 */
export function tamperCommit(bytes: Uint8Array, edit: (commit: Commit) => Commit, context?: GroupContext, signKey?: Uint8Array): Promise<Uint8Array> {
  return tamperPublicMessage(
    bytes,
    (message) => {
      if (message.content.contentType !== 'commit') throw new Error(`cannot tamper with a ${message.content.contentType} as a commit`);
      return { ...message, content: { ...message.content, commit: edit(message.content.commit) } };
    },
    context,
    signKey,
  );
}

/** The LeafNode an UpdatePath carries (leaf_node_source commit). */
type PathLeaf = NonNullable<Commit['path']>['leafNode'];

/** Edits the committer's new LeafNode in a commit's UpdatePath (the commit must have one). @example tamperCommit(bytes, withPathLeaf((leaf) => ({ ...leaf, signaturePublicKey: new Uint8Array(3) }))) */
export function withPathLeaf(edit: (leaf: PathLeaf) => PathLeaf): (commit: Commit) => Commit {
  return (commit) => {
    if (commit.path === undefined) throw new Error('the commit has no UpdatePath');
    return { ...commit, path: { ...commit.path, leafNode: edit(commit.path.leafNode) } };
  };
}
