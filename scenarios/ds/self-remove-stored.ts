import { groupOnTarget, memberAt, membersAgreeWithServed, nameOf, settleTarget, targetDeliveries, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  const carol = memberAt(world, 2);
  const expected = "bob's self-remove proposal to alice and carol only; alice's next commit (which includes it) accepted; bob out, alice and carol agree with the served group";
  const mark = ctx.network.trace.length;
  await bob.selfRemove(world.group);
  await settleTarget(ctx, [alice, carol]);
  const to = targetDeliveries(ctx, mark).flatMap((d) => d.recipients).sort();
  const want = [nameOf(alice), nameOf(carol)].sort();
  if (to.join() !== want.join()) return { status: 'fail', expected, actual: `the proposal went to ${to.join(', ') || 'nobody'}` };
  try {
    await alice.update(world.group);
  } catch (error) {
    return { status: 'fail', expected, actual: `alice's commit was refused: ${error instanceof Error ? error.message : String(error)}` };
  }
  await settleTarget(ctx, [bob, carol]);
  if (bob.member(world.group) !== undefined) return { status: 'fail', expected, actual: 'bob is still in the group after the commit' };
  const problem = await membersAgreeWithServed(ctx, world.group, [alice, carol]);
  if (problem !== undefined) return { status: 'fail', expected, actual: problem };
  return { status: 'pass', expected, actual: `proposal to ${to.join(', ')}; committed; bob out; all agree` };
}

/**
 * DS draft "Self remove a client from a group"; profile §14: the DS stores
 * the self-remove, fans it out to every member but the sender, and the
 * next commit includes it by reference.
 *
 * @example
 * await runCatalog({ target, checks: [selfRemoveStored], seed: 1 });
 */
export const selfRemoveStored: Check = {
  id: 'ds.self-remove.stored',
  section: 'DS draft "Self remove a client from a group"; PROFILE §14',
  quote: 'a self-remove proposal, and an application message, to every member but the sender',
  level: 'PROFILE',
  role: 'ds',
  run,
};
