import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { commit, leafIndexOf, removeProposal } from '../../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const state = stateIn(alice, world.group);
  // An UpdatePath and, by value, a Remove of bob.
  const withRemove = groupUpdateOf(await commit(state, [removeProposal(leafIndexOf(stateIn(memberAt(world, 1), world.group)))]));
  const pathOnly = groupUpdateOf(await commit(state));
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "alice's ds_update_client whose commit also removes bob by value",
    attempt: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_update_client', update_client_request: { group_update: withRemove } }),
    permitted: [{ status: 422, code: 'invalid_commit' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_update_client', update_client_request: { group_update: pathOnly } }),
  });
}

/**
 * DS draft "Update a client in a group": the commit has an UpdatePath and
 * no proposal by value. Profile §14 classifies a commit with a Remove by
 * value as a removal, so ds_update_client gets `invalid_commit`; a
 * path-only commit for the same epoch is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [updatePathOnly], seed: 1 });
 */
export const updatePathOnly: Check = {
  id: 'ds.update.path-only',
  section: 'DS draft "Update a client in a group"; PROFILE §14',
  quote: 'The MLSGroupUpdate MUST contain a PublicMessage that contains a commit with an UpdatePath, but no other proposals by value.',
  level: 'MUST',
  role: 'ds',
  run,
};
