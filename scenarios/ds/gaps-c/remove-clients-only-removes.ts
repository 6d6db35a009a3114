import { dsAttempt, groupOnTarget, harnessClient, memberAt, refusedWithoutEffect, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import type { DSRequestBody } from '../../../harness/messages/index.js';
import { addCommit } from '../gaps-a/add-commit.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const bob = memberAt(world, 1);
  // Bob adds his own laptop: a commit of one Add, which RemoveClients must not carry.
  const laptop = await harnessClient(ctx, { user: 'bob', peer: 1, device: 'laptop' });
  const add = await addCommit(bob, world.group, [laptop]);
  const asAddClients = add.body('ds_add_clients');
  if (asAddClients.request_type !== 'ds_add_clients') throw new Error('addCommit built no AddClients body');
  const asRemoveClients: DSRequestBody = { request_type: 'ds_remove_clients', remove_clients_request: { group_update: asAddClients.add_clients_request.group_update } };
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "bob's commit adding his own laptop, sent as ds_remove_clients",
    attempt: () => dsAttempt(ctx, world.group, bob, asRemoveClients),
    permitted: [{ status: 422, code: 'invalid_commit' }],
    nextValid: () => dsAttempt(ctx, world.group, bob, asAddClients),
  });
}

/**
 * DS draft "Remove clients from a group": "The MLSGroupUpdate MUST contain
 * a PublicMessage with a commit that contains only Remove proposals." Profile §14 refuses a request type that does not match
 * the commit's class with `invalid_commit`; the same commit as AddClients
 * (with its Welcome) is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [removeClientsOnlyRemoves], seed: 1 });
 */
export const removeClientsOnlyRemoves: Check = {
  id: 'ds.remove-clients.only-removes',
  section: 'DS draft "Remove clients from a group"; PROFILE §14',
  quote: 'The MLSGroupUpdate MUST contain a PublicMessage with a commit that contains only Remove proposals',
  level: 'MUST',
  role: 'ds',
  run,
};
