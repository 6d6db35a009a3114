import type { Credential, Proposal } from 'ts-mls';
import { leafToNodeIndex, toLeafIndex } from 'ts-mls/treemath.js';
import { commit, leafIndexOf, type CommitOutput, type Member } from './client.js';
import { fromWire } from './wire.js';

/**
 * The member with `credential` in its own leaf of a copy of its ratchet
 * tree. ts-mls builds the UpdatePath's LeafNode from the committer's leaf in
 * the tree (credential, capabilities, extensions) and signs it with the
 * member's own key (RFC 9420 §7.3 LeafNodeTBS), so a commit from this state
 * is well formed but for the changed credential.
 */
function withOwnCredential(member: Member, credential: Credential): Member {
  const node = leafToNodeIndex(toLeafIndex(leafIndexOf(member)));
  const own = member.state.ratchetTree[node];
  if (own?.nodeType !== 'leaf') throw new Error('the member has no leaf of its own');
  const ratchetTree = member.state.ratchetTree.slice();
  ratchetTree[node] = { nodeType: 'leaf', leaf: { ...own.leaf, credential } };
  return { ...member, state: { ...member.state, ratchetTree } };
}

/**
 * A commit (as {@link commit} builds it) whose UpdatePath gives the
 * committer `credential` instead of its own: every signature is made with
 * the committer's key (the message's, the path LeafNode's, the
 * PartialGroupInfo's), so the changed credential is the commit's only flaw.
 * For DS checks of "MUST NOT change the sender's client credential" (DS
 * draft "Add users to a group" and the other operations; profile §12).
 * Throws if the proposals give the commit no UpdatePath (RFC 9420 §12.4:
 * ts-mls builds one for no proposals, an Update or a Remove, by value or by
 * reference), since then there is nothing to change.
 *
 * @example
 * const out = await commitChangingCredential(alice, [removeProposal(1)], clientCredential(aliceTablet));
 */
export async function commitChangingCredential(member: Member, byValue: Proposal[], credential: Credential): Promise<CommitOutput> {
  const out = await commit(withOwnCredential(member, credential), byValue);
  const message = fromWire(out.commit);
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'commit' || message.publicMessage.content.commit.path === undefined) {
    throw new Error('these proposals give the commit no UpdatePath, so it cannot change the committer\'s credential');
  }
  return out;
}

/**
 * A BasicCredential with any identity bytes (RFC 9420 §5.3), for checks
 * that give a leaf a credential that is no profile ClientID (profile §12).
 *
 * @example
 * const malformed = basicCredential(new TextEncoder().encode('bob'));
 */
export function basicCredential(identity: Uint8Array): Credential {
  return { credentialType: 'basic', identity };
}
