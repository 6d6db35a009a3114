import { dsAttempt, groupOnTarget, harnessClient, memberAt, refusedWithoutEffect, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { addCommit } from './add-commit.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const bob = memberAt(world, 1);
  // A second device of bob, a user already in the group: AddClients, not AddUsers.
  const laptop = await harnessClient(ctx, { user: 'bob', peer: 1, device: 'laptop' });
  const add = await addCommit(bob, world.group, [laptop]);
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "bob's commit adding his own laptop, sent as ds_add_users",
    attempt: () => dsAttempt(ctx, world.group, bob, add.body('ds_add_users')),
    permitted: [{ status: 422, code: 'invalid_commit' }],
    nextValid: () => dsAttempt(ctx, world.group, bob, add.body('ds_add_clients')),
  });
}

/**
 * DS draft "Add users to a group": an AddUsers commit adds only users not
 * in the group; a client of a member's user is AddClients. Profile §14
 * classifies the commit and refuses a request type that does not match it
 * with `invalid_commit`; the same commit as AddClients is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [addUsersNoExistingMembers], seed: 1 });
 */
export const addUsersNoExistingMembers: Check = {
  id: 'ds.add-users.no-existing-members',
  section: 'DS draft "Add users to a group"; PROFILE §14',
  quote: 'Add proposals MUST NOT contain clients of existing group members.',
  level: 'MUST',
  role: 'ds',
  run,
};
