import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, settleTarget, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit, type CommitOutput } from '../../harness/mls/index.js';

const update = (out: CommitOutput) => ({ request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } }) as const;

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  const carol = memberAt(world, 2);
  await bob.selfRemove(world.group); // the DS stores the proposal
  await settleTarget(ctx, [carol]);
  alice.provider.takeMessages(alice.id); // alice never sees it, so her commit leaves it out
  const without = await commit(stateIn(alice, world.group));
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: 'a commit that leaves out a stored self-remove proposal',
    attempt: () => dsAttempt(ctx, world.group, alice, update(without)),
    permitted: [{ status: 422, code: 'missing_proposal' }],
    // Carol saw the proposal: her commit includes it by reference.
    nextValid: async () => dsAttempt(ctx, world.group, carol, update(await commit(stateIn(carol, world.group)))),
  });
}

/**
 * DS draft "Proposals by reference", "Self remove a client from a group";
 * profile §14: every stored proposal MUST be included by reference, else
 * `missing_proposal`.
 *
 * @example
 * await runCatalog({ target, checks: [commitMissingProposal], seed: 1 });
 */
export const commitMissingProposal: Check = {
  id: 'ds.commit.missing-proposal',
  section: 'DS draft "Self remove a client from a group"; PROFILE §3, §14',
  quote: 'Every stored proposal MUST be included by reference (missing_proposal).',
  level: 'PROFILE',
  role: 'ds',
  run,
};
