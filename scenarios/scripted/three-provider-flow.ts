import { addUsers, createGroup, expectAgreement, expectDelivered, harnessUser, removeUsers, runScript, selfRemove, send, update, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const run = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, "the draft authors' 3-provider flow on the target's DS", [
    harnessUser('alice', { user: 'alice', peer: 0 }),
    harnessUser('bob', { user: 'bob', peer: 1 }),
    harnessUser('charlie', { user: 'charlie', peer: 2 }),
    createGroup('g', 'alice'),
    addUsers('g', 'alice', ['bob']),
    expectAgreement('g'),
    send('g', 'alice', 'hi bob'),
    addUsers('g', 'bob', ['charlie']),
    expectAgreement('g'),
    send('g', 'charlie', 'hi all'),
    removeUsers('g', 'charlie', ['alice']),
    expectAgreement('g'),
    send('g', 'bob', 'alice is gone'),
    selfRemove('g', 'bob'),
    update('g', 'charlie'),
    expectAgreement('g'),
    expectDelivered('g'),
  ]);

/**
 * The draft authors' 3-provider flow (issue 10 §3), on the target's DS with
 * members at three harness peers: alice@A creates a group, invites bob@B,
 * bob invites charlie@C, charlie removes alice, bob leaves (a self-remove
 * that charlie's next commit includes). After each step every member agrees
 * with what the target serves; every message arrives once, in order.
 *
 * @example
 * await runCatalog({ target, checks: [threeProviderFlow], seed: 1 });
 */
export const threeProviderFlow: Check = {
  id: 'scripted.three-provider.authors-flow',
  section: 'DS draft "Create group", "Add users to a group", "Remove users from a group", "Self remove a client from a group", "Send an application message to a group"',
  quote: 'a commit to every member of the epoch before it except the committer\'s client',
  level: 'MUST',
  role: 'ds',
  peers: 3,
  run,
};
