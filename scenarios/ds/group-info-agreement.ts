import { groupOnTarget, harnessClient, memberAt, membersAgreeWithServed, settleTarget, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const [alice, bob, carol] = [memberAt(world, 0), memberAt(world, 1), memberAt(world, 2)];
  const dave = await harnessClient(ctx, { user: 'dave', peer: 0 });
  const everyone = [alice, bob, carol, dave];
  const expected = 'after update, add, message, update and remove, each at quiescence, every member holds the epoch, tree hash, transcript hash and ratchet tree the DS serves';
  // Each step with the members it leaves in the group.
  const steps: [string, () => Promise<void>, typeof everyone][] = [
    ['bob updates', () => bob.update(world.group), [alice, bob, carol]],
    ['alice adds dave', () => alice.addUsers(world.group, [dave.id]), everyone],
    ['carol sends', () => carol.send(world.group, 'hi'), everyone],
    ['dave updates', () => dave.update(world.group), everyone],
    ['carol removes bob', () => carol.removeUsers(world.group, [bob.id.user]), [alice, carol, dave]],
  ];
  for (const [name, step, members] of steps) {
    await step();
    await settleTarget(ctx, everyone);
    const problem = await membersAgreeWithServed(ctx, world.group, members);
    if (problem !== undefined) return { status: 'fail', expected, actual: `after "${name}": ${problem}` };
  }
  return { status: 'pass', expected, actual: `all agree after each of ${steps.length} steps` };
}

/**
 * Issue 10 §2's agreement assertion; DS draft "Framing and processing
 * overview", profile §4: the DS tracks the group's public state, so after
 * quiescence every member agrees with the GroupInfo and tree it serves.
 *
 * @example
 * await runCatalog({ target, checks: [groupInfoAgreement], seed: 1 });
 */
export const groupInfoAgreement: Check = {
  id: 'ds.group-info.agreement',
  section: 'DS draft "Framing and processing overview"; PROFILE §4',
  quote: "external_commit_info returns the current epoch's GroupInfo … together with the current ratchet tree",
  level: 'PROFILE',
  role: 'ds',
  run,
};
