import { groupOnTarget, memberAt, nameOf, settleTarget, targetDeliveries, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  const carol = memberAt(world, 2);
  const expected = 'carol gets the commit that removes her (and leaves the group on it); the message alice sends next reaches bob, not carol';
  const mark = ctx.network.trace.length;
  await alice.removeUsers(world.group, [carol.id.user]);
  await settleTarget(ctx, [bob, carol]);
  const commitTo = targetDeliveries(ctx, mark).filter((d) => d.wireformat === 'mls_public_message').flatMap((d) => d.recipients);
  if (!commitTo.includes(nameOf(carol))) return { status: 'fail', expected, actual: `the commit went to ${commitTo.join(', ') || 'nobody'}` };
  if (carol.member(world.group) !== undefined) return { status: 'fail', expected, actual: `carol still thinks she is in the group (failures: ${carol.failures.join('; ') || 'none'})` };
  const after = ctx.network.trace.length;
  await alice.send(world.group, 'after');
  await settleTarget(ctx, [bob, carol]);
  const messageTo = targetDeliveries(ctx, after).flatMap((d) => d.recipients);
  if (messageTo.includes(nameOf(carol))) return { status: 'fail', expected, actual: 'the message after the removal was sent to carol too' };
  if (!bob.received.some((m) => m.text === 'after')) return { status: 'fail', expected, actual: `bob did not receive the message (failures: ${bob.failures.join('; ') || 'none'})` };
  return { status: 'pass', expected, actual: `commit to ${commitTo.join(', ')}; the next message to ${messageTo.join(', ')}` };
}

/**
 * DS draft "Remove users from a group"; profile §14 "Fan-out": the removed
 * clients get the commit (so they learn of their removal), and nothing of
 * the group after it.
 *
 * @example
 * await runCatalog({ target, checks: [removeUsersRemovedLearn], seed: 1 });
 */
export const removeUsersRemovedLearn: Check = {
  id: 'ds.remove-users.removed-learn',
  section: 'DS draft "Remove users from a group"; PROFILE §14 Fan-out',
  quote: 'the removed clients included, so they learn of their removal',
  level: 'PROFILE',
  role: 'ds',
  run,
};
