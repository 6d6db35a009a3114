import { harnessClient, nameOf, settleTarget, targetDeliveries, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const [a, b, c] = ctx.peers;
  if (a === undefined || b === undefined || c === undefined) return { status: 'skip', expected: 'three harness peers', actual: `${ctx.peers.length}` };
  const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
  const guests = [await harnessClient(ctx, { user: 'bob', peer: 1 }), await harnessClient(ctx, { user: 'carol', peer: 1 }), await harnessClient(ctx, { user: 'dave', peer: 2 })];
  const group = await alice.createGroup('regular', { dsDomain: ctx.target.dsDomain });
  const mark = ctx.network.trace.length;
  await alice.addUsers(group, guests.map((g) => g.id));
  await settleTarget(ctx, guests);
  const want = new Map([[b.dsDomain, guests.slice(0, 2).map(nameOf).sort()], [c.dsDomain, [nameOf(guests[2] ?? alice)]]]);
  const expected = `one deliver_message Welcome per guest provider, each for its own added clients only: ${[...want].map(([d, r]) => `${d} ← ${r.join(', ')}`).join('; ')}; none to ${a.dsDomain}; every guest joins`;
  const welcomes = targetDeliveries(ctx, mark).filter((d) => d.wireformat === 'mls_welcome');
  const seen = welcomes.map((d) => `${d.destination} ← ${d.kind} [${[...d.recipients].sort().join(', ')}]`).join('; ') || 'no Welcome';
  if (welcomes.length !== want.size) return { status: 'fail', expected, actual: seen };
  for (const [domain, recipients] of want) {
    const mine = welcomes.filter((d) => d.destination === domain);
    if (mine.length !== 1 || mine[0]?.kind !== 'deliver_message' || [...(mine[0]?.recipients ?? [])].sort().join() !== recipients.join()) return { status: 'fail', expected, actual: seen };
  }
  const outside = guests.filter((g) => g.member(group) === undefined);
  if (outside.length > 0) return { status: 'fail', expected, actual: `${seen}; ${outside.map(nameOf).join(', ')} did not join (${outside.flatMap((g) => g.failures).join('; ') || 'no failure'})` };
  return { status: 'pass', expected, actual: seen };
}

/**
 * DS draft "Add users to a group"; profile §14 "Welcomes", "Fan-out": each
 * Welcome goes to the provider of the clients it adds, as deliver_message
 * outside a connection group, and to no other provider.
 *
 * @example
 * await runCatalog({ target, checks: [addUsersWelcomePerProvider], seed: 1 });
 */
export const addUsersWelcomePerProvider: Check = {
  id: 'ds.add-users.welcome-per-provider',
  section: 'DS draft "Add users to a group"; PROFILE §14 Welcomes, Fan-out',
  quote: 'each Welcome to the clients it adds, as connection_request when the group\'s kind is connection, else as deliver_message',
  level: 'PROFILE',
  role: 'ds',
  peers: 3,
  run,
};
