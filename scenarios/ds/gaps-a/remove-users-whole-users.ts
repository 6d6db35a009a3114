import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { commit, leafIndexOf, removeProposal } from '../../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'bob', peer: 1, device: 'laptop' }]);
  const alice = memberAt(world, 0);
  const phone = leafIndexOf(stateIn(memberAt(world, 1), world.group));
  const laptop = leafIndexOf(stateIn(memberAt(world, 2), world.group));
  const state = stateIn(alice, world.group);
  // Only bob's phone goes; his laptop stays: not a whole user.
  const partial = groupUpdateOf(await commit(state, [removeProposal(phone)]));
  const whole = groupUpdateOf(await commit(state, [removeProposal(phone), removeProposal(laptop)]));
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "alice's ds_remove_users removing bob's phone but not his laptop",
    attempt: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_remove_users', remove_users_request: { group_update: partial } }),
    permitted: [{ status: 422, code: 'invalid_commit' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_remove_users', remove_users_request: { group_update: whole } }),
  });
}

/**
 * DS draft "Remove users from a group": the by-value Removes take out every
 * client of each user they touch. Profile §14 classifies a removal of only
 * some of a user's clients as no operation and refuses it with
 * `invalid_commit`; removing both of bob's clients is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [removeUsersWholeUsers], seed: 1 });
 */
export const removeUsersWholeUsers: Check = {
  id: 'ds.remove-users.whole-users',
  section: 'DS draft "Remove users from a group"; PROFILE §14',
  quote: 'The Remove proposals that are committed by-value MUST always remove all clients of one or more users.',
  level: 'MUST',
  role: 'ds',
  run,
};
