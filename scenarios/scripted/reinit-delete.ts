import { addUsers, createGroup, deleteGroup, expectAgreement, expectDelivered, expectGone, harnessUser, reinit, runScript, send, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const reinitRun = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, "a ReInit on the target's DS", [
    harnessUser('alice', { user: 'alice', peer: 0 }),
    harnessUser('bob', { user: 'bob', peer: 1 }),
    createGroup('old', 'alice'),
    addUsers('old', 'alice', ['bob']),
    send('old', 'bob', 'in the old group'),
    reinit('old', 'alice', 'new'),
    expectAgreement('old'),
    expectAgreement('new'),
    send('new', 'bob', 'in the new group'),
    expectDelivered('old'),
    expectDelivered('new'),
  ]);

/**
 * ReInit (issue 10 §3): alice commits a ReInit naming a fresh group id of
 * the target's DS, creates that group (the id is reserved for her) and adds
 * bob again; both agree with the new group the target serves, and talk in it.
 *
 * @example
 * await runCatalog({ target, checks: [reinitFlow], seed: 1 });
 */
export const reinitFlow: Check = {
  id: 'scripted.reinit.new-group',
  section: 'DS draft "ReInitialize a group"; PROFILE §14',
  quote: 'the ReInit group_id MUST be a MimiGroupId of this DS that is not in use (its creator creates it next)',
  level: 'MUST',
  role: 'ds',
  run: reinitRun,
};

const deleteRun = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, "a group deleted on the target's DS", [
    harnessUser('alice', { user: 'alice', peer: 0 }),
    harnessUser('bob', { user: 'bob', peer: 1 }),
    createGroup('g', 'alice'),
    addUsers('g', 'alice', ['bob']),
    send('g', 'alice', 'last words'),
    deleteGroup('g', 'alice'),
    expectGone('g'),
    expectDelivered('g'),
  ]);

/**
 * Delete (issue 10 §3): alice removes everyone else and deletes the group;
 * bob learns he is out, and the target no longer serves the group
 * (`unknown_group`).
 *
 * @example
 * await runCatalog({ target, checks: [deleteFlow], seed: 1 });
 */
export const deleteFlow: Check = {
  id: 'scripted.delete.group-gone',
  section: 'DS draft "Delete group"; PROFILE §3, §14',
  quote: 'group_id names this DS, but it has no such group',
  level: 'MUST',
  role: 'ds',
  run: deleteRun,
};
