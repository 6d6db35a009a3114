import { addUsers, createGroup, expectAgreement, expectDelivered, externalJoin, harnessUser, resync, runScript, selfRemove, send, update, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const run = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, 'joins by Welcome and by external commit, a resync, and a self-remove carried over an external join', [
    harnessUser('alice', { user: 'alice', peer: 0 }),
    harnessUser('alice-laptop', { user: 'alice', peer: 0, device: 'laptop' }),
    harnessUser('bob', { user: 'bob', peer: 1 }),
    harnessUser('bob-laptop', { user: 'bob', peer: 1, device: 'laptop' }),
    createGroup('g', 'alice'),
    // bob joins from his Welcome, with the tree from /welcome_information.
    addUsers('g', 'alice', ['bob']),
    expectAgreement('g'),
    // bob's laptop joins by external commit, with what /external_commit_information serves.
    externalJoin('g', 'bob-laptop'),
    expectAgreement('g'),
    send('g', 'alice', 'hello'),
    // bob's phone resyncs: an external commit that also removes its old leaf.
    resync('g', 'bob'),
    expectAgreement('g'),
    send('g', 'bob', 'back in sync'),
    // bob's laptop proposes its self-remove; alice's laptop joins by external commit before anyone commits it.
    selfRemove('g', 'bob-laptop'),
    externalJoin('g', 'alice-laptop'),
    // The DS proposed the self-remove again (profile §14), so alice's next commit removes the laptop.
    update('g', 'alice'),
    expectAgreement('g'),
    send('g', 'alice-laptop', 'laptop here'),
    expectDelivered('g'),
  ]);

/**
 * Joins (issue 10 §3): from a Welcome through /welcome_information, by
 * external commit through /external_commit_information, a resync, and a
 * member's self-remove pending across an external join, which cannot
 * include it: the DS proposes it again so that the next commit removes the
 * member (profile §14). Every member agrees with what the target serves.
 *
 * @example
 * await runCatalog({ target, checks: [joinsFlow], seed: 1 });
 */
export const joinsFlow: Check = {
  id: 'scripted.joins.welcome-external-resync',
  section: 'DS draft "Client additions", "Join the group using an external commit", "Self remove a client from a group"; PROFILE §4, §14',
  quote: 'the DS proposes them again itself, as external sender, at the new epoch',
  level: 'PROFILE',
  role: 'ds',
  run,
};
