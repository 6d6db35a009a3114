import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit, leafIndexOf, removeProposal } from '../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  const out = await commit(stateIn(alice, world.group), [removeProposal(leafIndexOf(stateIn(bob, world.group)))]);
  const group_update = groupUpdateOf(out);
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: 'a commit that removes bob, sent as ds_add_users',
    attempt: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_add_users', add_users_request: { group_update, welcome_messages: [] } }),
    permitted: [{ status: 422, code: 'invalid_commit' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_remove_users', remove_users_request: { group_update } }),
  });
}

/**
 * DS draft "Client-initiated operations"; profile §14: the request type
 * MUST match the commit's class (AddUsers carries only Adds), else
 * `invalid_commit`; the same commit as RemoveUsers is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [commitRequestType], seed: 1 });
 */
export const commitRequestType: Check = {
  id: 'ds.commit.request-type',
  section: 'DS draft "Add users to a group", "Remove users from a group"; PROFILE §14',
  quote: 'the request type MUST match the class, else invalid_commit',
  level: 'PROFILE',
  role: 'ds',
  run,
};
