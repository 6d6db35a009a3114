import { harnessClient, nameOf, settleTarget, targetDeliveries, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
  const bob = await harnessClient(ctx, { user: 'bob', peer: 1 });
  const group = await alice.createGroup('connection', { dsDomain: ctx.target.dsDomain });
  const mark = ctx.network.trace.length;
  await alice.addUsers(group, [bob.id]);
  await settleTarget(ctx, [bob]);
  const expected = `the Welcome to ${nameOf(bob)} as one connection_request to ${ctx.peers[1]?.dsDomain ?? '?'}, and bob joins`;
  const welcomes = targetDeliveries(ctx, mark).filter((d) => d.wireformat === 'mls_welcome');
  const seen = welcomes.map((d) => `${d.destination}${d.path} ${d.kind} [${d.recipients.join(', ')}]`).join('; ') || 'no Welcome';
  const [only] = welcomes;
  if (welcomes.length !== 1 || only === undefined || only.kind !== 'connection_request' || only.path !== '/connection_request' || only.destination !== ctx.peers[1]?.dsDomain) return { status: 'fail', expected, actual: seen };
  if (bob.member(group) === undefined) return { status: 'fail', expected, actual: `${seen}; bob did not join (${bob.failures.join('; ') || 'no failure'})` };
  return { status: 'pass', expected, actual: seen };
}

/**
 * DS draft "Connection establishment flow", "Add users to a group";
 * profile §5, §14: a Welcome to a connection group goes out as a
 * connection_request (`/connection_request`).
 *
 * @example
 * await runCatalog({ target, checks: [addUsersConnectionWelcome], seed: 1 });
 */
export const addUsersConnectionWelcome: Check = {
  id: 'ds.add-users.connection-welcome',
  section: 'DS draft "Connection establishment flow"; PROFILE §5, §14 Fan-out',
  quote: 'each Welcome to the clients it adds, as connection_request when the group\'s kind is connection',
  level: 'PROFILE',
  role: 'ds',
  run,
};
