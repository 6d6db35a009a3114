import { addClients, addUsers, createGroup, expectAgreement, expectDelivered, harnessUser, removeClients, runScript, send, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const run = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, "multi-device on the target's DS", [
    harnessUser('alice', { user: 'alice', peer: 0 }),
    harnessUser('bob', { user: 'bob', peer: 1 }),
    harnessUser('bob-laptop', { user: 'bob', peer: 1, device: 'laptop' }),
    createGroup('g', 'alice'),
    addUsers('g', 'alice', ['bob']),
    send('g', 'alice', 'before the laptop'),
    addClients('g', 'bob', ['bob-laptop']),
    expectAgreement('g'),
    send('g', 'alice', 'to both devices'),
    removeClients('g', 'bob-laptop', ['bob']),
    expectAgreement('g'),
    send('g', 'alice', 'laptop only'),
    expectDelivered('g'),
  ]);

/**
 * Multi-device (issue 10 §3): bob adds his second client (AddClients),
 * later the laptop removes bob's phone (RemoveClients). Messages reach
 * exactly the devices in the group when they were sent; every member agrees
 * with what the target serves.
 *
 * @example
 * await runCatalog({ target, checks: [multiDeviceFlow], seed: 1 });
 */
export const multiDeviceFlow: Check = {
  id: 'scripted.multi-device.add-remove-clients',
  section: 'DS draft "Add clients to a group", "Remove clients from a group"',
  quote: 'A request from a client to add one or more clients of the same user.',
  level: 'MUST',
  role: 'ds',
  run,
};
