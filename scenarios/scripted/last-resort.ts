import { addUsers, createGroup, expectAgreement, expectDelivered, harnessUser, runScript, send, targetUser, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const groups = ['g1', 'g2', 'g3'] as const;

const run = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, 'a target client with one KeyPackage and a last-resort one, added to three groups', [
    targetUser('tina', { user: 'tina' }, { keyPackages: 1, lastResort: true }),
    harnessUser('alice', { user: 'alice', peer: 0 }),
    // Each add asks the target's /group_key_packages: the regular one first, then the last-resort one, twice.
    ...groups.flatMap((g) => [createGroup(g, 'alice', { peer: 0 }), addUsers(g, 'alice', ['tina']), expectAgreement(g)]),
    send('g3', 'alice', 'still reachable'),
    expectDelivered('g3'),
  ]);

/**
 * KeyPackage exhaustion and last resort (transport draft "Group
 * KeyPackages"; profile §5): a target's client with one regular KeyPackage
 * and a last-resort one is added to three groups on a harness DS; the
 * target hands out the regular one, then the last-resort one (which is not
 * used up), so she joins all three.
 *
 * @example
 * await runCatalog({ target, checks: [lastResortFlow], seed: 1 });
 */
export const lastResortFlow: Check = {
  id: 'scripted.key-packages.last-resort',
  section: 'transport draft "Group KeyPackage Retrieval"; PROFILE §5, §12',
  quote: 'A client with no regular KeyPackage left but with a last-resort one (§12) gets the last-resort one, which is not used up.',
  level: 'PROFILE',
  role: 'endpoint',
  needs: ['control'],
  run,
};
