import { groupOnTarget, membersAgreeWithServed, nameOf, settleTarget, targetDeliveries, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }], [{ user: 'bob', peer: 1, device: 'laptop' }]);
  const [laptop] = world.outsiders;
  if (laptop === undefined) throw new Error('the outsider is missing');
  const expected = "bob's laptop joins by external commit from the served GroupInfo and tree; the commit reaches alice and bob's phone; afterwards all three agree with what the DS serves";
  const mark = ctx.network.trace.length;
  try {
    await laptop.externalJoin(world.group);
  } catch (error) {
    return { status: 'fail', expected, actual: `the external join was refused: ${error instanceof Error ? error.message : String(error)}` };
  }
  await settleTarget(ctx, world.members);
  const to = targetDeliveries(ctx, mark).filter((d) => d.wireformat === 'mls_public_message').flatMap((d) => d.recipients).sort();
  const want = world.members.map(nameOf).sort();
  if (to.join() !== want.join()) return { status: 'fail', expected, actual: `the commit went to ${to.join(', ') || 'nobody'}` };
  const problem = await membersAgreeWithServed(ctx, world.group, [...world.members, laptop]);
  if (problem !== undefined) return { status: 'fail', expected, actual: problem };
  return { status: 'pass', expected, actual: `joined; commit to ${to.join(', ')}; all agree` };
}

/**
 * DS draft "Join the group using an external commit"; profile §4, §8: the
 * anonymous `/external_commit_information` serves the current GroupInfo
 * and tree, an external commit built from them is accepted, and every
 * member ends where the DS's served group is.
 *
 * @example
 * await runCatalog({ target, checks: [externalJoinServedInfo], seed: 1 });
 */
export const externalJoinServedInfo: Check = {
  id: 'ds.external-join.served-info',
  section: 'DS draft "Join the group using an external commit"; PROFILE §4, §8, §14',
  quote: "external_commit_info returns the current epoch's GroupInfo … together with the current ratchet tree",
  level: 'PROFILE',
  role: 'ds',
  run,
};
