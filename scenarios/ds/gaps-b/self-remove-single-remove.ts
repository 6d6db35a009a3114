import { dsAttempt, groupOnTarget, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { addProposal, createKeyPackage, leafIndexOf, proposeSelfRemove, tamperPublicMessage, type Member } from '../../../harness/mls/index.js';
import { embedded } from '../../../harness/scenario/index.js';

const selfRemove = (proposal: Uint8Array) => ({ request_type: 'ds_self_remove_client', self_remove_client_request: { proposal: embedded(proposal) } }) as const;

type Proposal = ReturnType<typeof addProposal>;

/** `proposal` (a PublicMessage proposal) with its proposal replaced, re-signed by its sender so that only that flaw remains. */
function swapped(proposal: Uint8Array, by: Member, signKey: Uint8Array, replacement: Proposal): Promise<Uint8Array> {
  return tamperPublicMessage(proposal, (m) => (m.content.contentType === 'proposal' ? { ...m, content: { ...m.content, proposal: replacement } } : m), by.state.groupContext, signKey);
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const bob = memberAt(world, 1);
  const carol = memberAt(world, 2);
  const state = stateIn(bob, world.group);
  const key = bob.identity.signatureKeyPair.signKey;
  const genuine = await proposeSelfRemove(state);
  // Validly signed by bob, but not a single Remove of bob: an Add, then a Remove of carol.
  const add = await swapped(genuine.proposal, state, key, addProposal((await createKeyPackage(bob.identity)).publicPackage));
  const other = await swapped(genuine.proposal, state, key, { proposalType: 'remove', remove: { removed: leafIndexOf(stateIn(carol, world.group)) } });
  const permitted = [{ status: 422, code: 'invalid_proposal' }] as const;
  const first = await refusedWithoutEffect(ctx, { group: world.group, what: 'a ds_self_remove_client by bob carrying an Add proposal', attempt: () => dsAttempt(ctx, world.group, bob, selfRemove(add)), permitted });
  if (first.status !== 'pass') return first;
  const second = await refusedWithoutEffect(ctx, {
    group: world.group,
    what: 'a ds_self_remove_client by bob whose Remove removes carol',
    attempt: () => dsAttempt(ctx, world.group, bob, selfRemove(other)),
    permitted,
    nextValid: () => dsAttempt(ctx, world.group, bob, selfRemove(genuine.proposal)),
  });
  return second.status === 'pass' ? { ...second, expected: `${first.expected}; ${second.expected}`, actual: `${first.actual}; ${second.actual}` } : second;
}

/**
 * DS draft "Self remove a client from a group"; profile §3, §14: the
 * PublicMessage of a SelfRemoveClientRequest carries a single Remove, of its
 * own sender; another proposal type, or a Remove of another member, is
 * refused (`invalid_proposal`) and changes nothing.
 *
 * @example
 * await runCatalog({ target, checks: [selfRemoveSingleRemove], seed: 1 });
 */
export const selfRemoveSingleRemove: Check = {
  id: 'ds.self-remove.single-remove',
  section: 'DS draft "Self remove a client from a group"; PROFILE §3, §14',
  quote: 'The MLSMessage MUST contain a PublicMessage that contains a single Remove proposal.',
  level: 'MUST',
  role: 'ds',
  run,
};
