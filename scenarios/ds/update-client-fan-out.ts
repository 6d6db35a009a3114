import { groupOnTarget, memberAt, membersAgreeWithServed, nameOf, settleTarget, targetDeliveries, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const want = world.members.slice(1).map(nameOf).sort();
  const expected = `alice's UpdateClient commit to ${want.join(' and ')} once each, nothing back to alice; then all agree with the served group`;
  const mark = ctx.network.trace.length;
  await alice.update(world.group);
  await settleTarget(ctx);
  const echoed = await alice.sync();
  await settleTarget(ctx, world.members);
  const to = targetDeliveries(ctx, mark).flatMap((d) => d.recipients).sort();
  if (echoed > 0) return { status: 'fail', expected, actual: `alice's queue got ${echoed} message(s) back` };
  if (to.join() !== want.join()) return { status: 'fail', expected, actual: `the commit went to ${to.join(', ') || 'nobody'}` };
  const problem = await membersAgreeWithServed(ctx, world.group, world.members);
  if (problem !== undefined) return { status: 'fail', expected, actual: problem };
  return { status: 'pass', expected, actual: `the commit went to ${to.join(', ')}; all agree` };
}

/**
 * DS draft "Update a client in a group"; profile §14 "Fan-out": the commit
 * goes to every other member, never back to the committer (who could not
 * process its own commit).
 *
 * @example
 * await runCatalog({ target, checks: [updateClientFanOut], seed: 1 });
 */
export const updateClientFanOut: Check = {
  id: 'ds.update-client.fan-out',
  section: 'DS draft "Update a client in a group"; PROFILE §14 Fan-out',
  quote: "a commit to every member of the epoch before it except the committer's client",
  level: 'PROFILE',
  role: 'ds',
  run,
};
