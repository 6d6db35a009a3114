import { addUsers, createGroup, expectAgreement, expectDelivered, harnessUser, runScript, send, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const USERS = ['alice', 'bob', 'carol', 'dave', 'erin'] as const;

const run = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, "application messages on the target's DS fanned out to five providers", [
    ...USERS.map((user, peer) => harnessUser(user, { user, peer })),
    createGroup('g', 'alice'),
    addUsers('g', 'alice', USERS.slice(1)),
    expectAgreement('g'),
    ...USERS.map((user) => send('g', user, `hello from ${user}`)),
    expectDelivered('g'),
  ]);

/**
 * Fan-out to five providers (issue 10 §3): a group on the target's DS with
 * one member at each of five harness peers; each member sends once and
 * every other member, at four other providers, gets each message once, in order.
 *
 * @example
 * await runCatalog({ target, checks: [fiveProviderFanOut], seed: 1 });
 */
export const fiveProviderFanOut: Check = {
  id: 'scripted.fan-out.five-providers',
  section: 'DS draft "Send an application message to a group", "Server to server requests"',
  quote: 'a self-remove proposal, and an application message, to every member but the sender',
  level: 'MUST',
  role: 'ds',
  peers: 5,
  run,
};
