import { groupOnTarget, harnessClient, memberAt, nameOf, settleTarget, targetDeliveries, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const dave = await harnessClient(ctx, { user: 'dave', peer: 0 });
  const mark = ctx.network.trace.length;
  await alice.addUsers(world.group, [dave.id]);
  await settleTarget(ctx);
  const echoed = await alice.sync();
  await settleTarget(ctx, [...world.members.slice(1), dave]);
  const want = world.members.slice(1).map(nameOf).sort();
  const expected = `the commit to ${want.join(' and ')} once each (the previous epoch's members but the committer), not to alice, not to dave`;
  const commits = targetDeliveries(ctx, mark).filter((d) => d.wireformat === 'mls_public_message');
  const got = commits.flatMap((d) => d.recipients).sort();
  if (echoed > 0) return { status: 'fail', expected, actual: `alice's queue got ${echoed} message(s) back` };
  if (got.join() !== want.join()) return { status: 'fail', expected, actual: `the commit went to ${got.join(', ') || 'nobody'}` };
  const behind = world.members.filter((m) => m.member(world.group)?.state.groupContext.epoch !== alice.member(world.group)?.state.groupContext.epoch);
  if (behind.length > 0) return { status: 'fail', expected, actual: `${behind.map(nameOf).join(', ')} not at alice's epoch` };
  return { status: 'pass', expected, actual: `the commit went to ${got.join(', ')}` };
}

/**
 * DS draft "Add users to a group", "Server to server requests"; profile
 * §14 "Fan-out": the commit goes to every member of the epoch before it
 * except the committer (the added clients get the Welcome instead).
 *
 * @example
 * await runCatalog({ target, checks: [addUsersFanOut], seed: 1 });
 */
export const addUsersFanOut: Check = {
  id: 'ds.add-users.fan-out',
  section: 'DS draft "Add users to a group"; PROFILE §14 Fan-out',
  quote: "a commit to every member of the epoch before it except the committer's client",
  level: 'PROFILE',
  role: 'ds',
  run,
};
