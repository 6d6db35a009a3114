import { describeOutcome, dsAttempt, groupOnTarget, groupUpdateOf, memberAt, servedGroup, settleTarget, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit } from '../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  const stale = await commit(stateIn(bob, world.group));
  const expected = 'after DeleteGroup bob learns of it; /external_commit_information says 404 unknown_group; a commit for the group gets 404 unknown_group';
  try {
    await alice.deleteGroup(world.group);
  } catch (error) {
    return { status: 'fail', expected, actual: `DeleteGroup was refused: ${error instanceof Error ? error.message : String(error)}` };
  }
  await settleTarget(ctx, [bob]);
  if (bob.member(world.group) !== undefined) return { status: 'fail', expected, actual: `bob still thinks he is in the group (failures: ${bob.failures.join('; ') || 'none'})` };
  const served = await servedGroup(ctx, world.group);
  if (served.ok) return { status: 'fail', expected, actual: 'the deleted group is still served' };
  if (served.outcome.status !== 404 || served.outcome.code !== 'unknown_group') return { status: 'fail', expected, actual: `/external_commit_information: ${describeOutcome(served.outcome)}` };
  const late = await dsAttempt(ctx, world.group, bob, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(stale) } }, { senderIndex: 1 });
  if (late.status !== 404 || late.code !== 'unknown_group') return { status: 'fail', expected, actual: `the late commit: ${describeOutcome(late)}` };
  return { status: 'pass', expected, actual: `served: ${describeOutcome(served.outcome)}; late commit: ${describeOutcome(late)}` };
}

/**
 * DS draft "Delete group"; profile §14: the DS fans the commit out and
 * then forgets the group, which is `unknown_group` from then on.
 *
 * @example
 * await runCatalog({ target, checks: [deleteGroupForgotten], seed: 1 });
 */
export const deleteGroupForgotten: Check = {
  id: 'ds.delete-group.forgotten',
  section: 'DS draft "Delete group"; PROFILE §3, §14',
  quote: 'ds_delete_group … the DS forgets the group after the fan-out',
  level: 'PROFILE',
  role: 'ds',
  run,
};
