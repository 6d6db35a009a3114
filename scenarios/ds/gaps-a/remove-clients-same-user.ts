import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { commit, leafIndexOf, removeProposal } from '../../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  // Bob is another user: removing his (only) client is RemoveUsers, not RemoveClients.
  const out = await commit(stateIn(alice, world.group), [removeProposal(leafIndexOf(stateIn(bob, world.group)))]);
  const group_update = groupUpdateOf(out);
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "alice's commit removing bob's client, sent as ds_remove_clients",
    attempt: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_remove_clients', remove_clients_request: { group_update } }),
    permitted: [{ status: 422, code: 'invalid_commit' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_remove_users', remove_users_request: { group_update } }),
  });
}

/**
 * DS draft "Remove clients from a group": RemoveClients removes only other
 * clients of the sender's own user. Profile §14 refuses a request type that
 * does not match the commit's class with `invalid_commit`; the same commit
 * as RemoveUsers is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [removeClientsSameUser], seed: 1 });
 */
export const removeClientsSameUser: Check = {
  id: 'ds.remove-clients.same-user',
  section: 'DS draft "Remove clients from a group"; PROFILE §14',
  quote: 'All Remove proposals committed to by-value MUST target clients of the same user as the sending client',
  level: 'MUST',
  role: 'ds',
  run,
};
