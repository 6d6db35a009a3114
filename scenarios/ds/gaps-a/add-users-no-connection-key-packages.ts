import { dsAttempt, groupOnTarget, memberAt, refusedWithoutEffect, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { addCommit } from './add-commit.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }], [{ user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const carol = world.outsiders[0];
  if (carol === undefined) throw new Error('the world lost carol');
  // The group is a regular one: a connection KeyPackage of carol has no place in it.
  const connection = await addCommit(alice, world.group, [carol], 'connection');
  const regular = await addCommit(alice, world.group, [carol]);
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "alice's ds_add_users adding carol's connection KeyPackage to a regular group",
    attempt: () => dsAttempt(ctx, world.group, alice, connection.body('ds_add_users')),
    permitted: [{ status: 422, code: 'invalid_proposal' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, regular.body('ds_add_users')),
  });
}

/**
 * DS draft "Add users to a group": a connection KeyPackage may be added
 * only to a connection group. Profile §14 refuses it elsewhere with
 * `invalid_proposal`; the same Add with a regular KeyPackage is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [addUsersNoConnectionKeyPackages], seed: 1 });
 */
export const addUsersNoConnectionKeyPackages: Check = {
  id: 'ds.add-users.no-connection-key-packages',
  section: 'DS draft "Add users to a group"; PROFILE §14',
  quote: 'Add proposals MUST NOT contain connection KeyPackages, except if the group is a connection group.',
  level: 'MUST',
  role: 'ds',
  run,
};
