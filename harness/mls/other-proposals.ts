import type { Proposal } from 'ts-mls';
import type { Member } from './client.js';
import { mlsSuite } from './suite.js';

/**
 * A GroupContextExtensions proposal (RFC 9420 §12.1.7) that states the
 * group's current extensions again: a valid proposal that changes nothing,
 * for checks that a request type takes only Adds and Removes. RFC 9420
 * §12.4 requires an UpdatePath in a commit that carries it.
 *
 * @example
 * const out = await commit(bob, [addProposal(kp), unchangedExtensionsProposal(bob)]);
 */
export function unchangedExtensionsProposal(member: Member): Proposal {
  return { proposalType: 'group_context_extensions', groupContextExtensions: { extensions: member.state.groupContext.extensions } };
}

/**
 * A PreSharedKey proposal (RFC 9420 §8.4, §12.1.4) for the resumption PSK
 * of the member's current epoch (usage application), which every member
 * holds; a commit needs no UpdatePath for it.
 *
 * @example
 * const out = await commit(bob, [addProposal(kp), resumptionPskProposal(bob)]);
 */
export async function resumptionPskProposal(member: Member): Promise<Proposal> {
  const cs = await mlsSuite();
  const { groupId, epoch } = member.state.groupContext;
  return { proposalType: 'psk', psk: { preSharedKeyId: { psktype: 'resumption', usage: 'application', pskGroupId: groupId, pskEpoch: epoch, pskNonce: cs.rng.randomBytes(cs.kdf.size) } } };
}
