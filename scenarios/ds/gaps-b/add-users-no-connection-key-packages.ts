import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { addProposal, commit, createKeyPackage, type CommitOutput } from '../../../harness/mls/index.js';
import type { DSRequestBody } from '../../../harness/messages/index.js';
import { embedded } from '../../../harness/scenario/index.js';

/** The commit as ds_add_users, with its one Welcome (for the added client's provider, profile §14 "Welcomes"). */
const addUsers = (out: CommitOutput): DSRequestBody => {
  if (out.welcome === undefined) throw new Error('the Add commit has no Welcome');
  return { request_type: 'ds_add_users', add_users_request: { group_update: groupUpdateOf(out), welcome_messages: [embedded(out.welcome)] } };
};

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }], [{ user: 'dave', peer: 1 }]);
  const alice = memberAt(world, 0);
  const [dave] = world.outsiders;
  if (dave === undefined) throw new Error('the outsider is missing');
  const state = stateIn(alice, world.group);
  // A regular group: dave's connection KeyPackage (mimi_connection_key_package in its LeafNode) may not be added.
  const withConnection = await commit(state, [addProposal((await createKeyPackage(dave.identity, 'connection')).publicPackage)]);
  const withRegular = await commit(state, [addProposal((await createKeyPackage(dave.identity)).publicPackage)]);
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "a ds_add_users in a regular group whose Add carries dave's connection KeyPackage",
    attempt: () => dsAttempt(ctx, world.group, alice, addUsers(withConnection)),
    permitted: [{ status: 422, code: 'invalid_proposal' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, addUsers(withRegular)),
  });
}

/**
 * DS draft "Add users to a group"; profile §12, §14: an Add in a group that
 * is not a connection group MUST NOT carry a connection KeyPackage
 * (`invalid_proposal`); the same Add with a regular KeyPackage is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [addUsersNoConnectionKeyPackages], seed: 1 });
 */
export const addUsersNoConnectionKeyPackages: Check = {
  id: 'ds.add-users.no-connection-key-packages',
  section: 'DS draft "Add users to a group"; PROFILE §12, §14',
  quote: 'Add proposals MUST NOT contain connection KeyPackages, except if the group is a connection group.',
  level: 'MUST',
  role: 'ds',
  run,
};
