import type { Proposal } from 'ts-mls';
import { clientIdText } from '../../messages/index.js';
import { encodeLeafNode } from 'ts-mls/leafNode.js';
import { leafToNodeIndex, toLeafIndex } from 'ts-mls/treemath.js';
import type { DsGroup } from './state.js';
import { clientOfLeaf } from './summary.js';
import { sameBytes } from './verify.js';

/**
 * What the DS proposes again, as an external sender, after an external
 * commit discarded stored proposals (profile §14; RFC 9420 §12.4.3.2: an
 * external commit cannot reference proposals; DS draft §5: every commit
 * includes every stored proposal). The only proposals a DS stores are a
 * member's self-remove and its own Remove or Add (profile §12). Dropped as
 * moot: a Remove whose leaf the external commit removed or replaced (a
 * resync: the client chose to rejoin), and an Add of a client that is now a
 * member. Returned in their stored order.
 *
 * @example
 * const again = carriedProposals(before, result.group, result.discarded);
 */
export function carriedProposals(before: DsGroup, after: DsGroup, discarded: readonly Proposal[]): Proposal[] {
  return discarded.filter((proposal) => {
    if (proposal.proposalType === 'remove') {
      const index = leafToNodeIndex(toLeafIndex(proposal.remove.removed));
      const old = before.ratchetTree[index];
      const now = after.ratchetTree[index];
      return old?.nodeType === 'leaf' && now?.nodeType === 'leaf' && sameBytes(encodeLeafNode(old.leaf), encodeLeafNode(now.leaf));
    }
    if (proposal.proposalType === 'add') {
      const client = clientOfLeaf(proposal.add.keyPackage.leafNode);
      if (client === null) return true;
      return !after.ratchetTree.some((node) => {
        if (node?.nodeType !== 'leaf') return false;
        const member = clientOfLeaf(node.leaf);
        return member !== null && clientIdText(member) === clientIdText(client);
      });
    }
    return true;
  });
}
