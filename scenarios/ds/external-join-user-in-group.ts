import { dsAttempt, externalJoinBody, groupOnTarget, refusedWithoutEffect, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }], [{ user: 'dave', peer: 1 }, { user: 'bob', peer: 1, device: 'laptop' }]);
  const [dave, laptop] = world.outsiders;
  if (dave === undefined || laptop === undefined) throw new Error('the outsiders are missing');
  const daves = await externalJoinBody(ctx, dave, world.group);
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: 'an external join by dave, whose user has no client in the group',
    attempt: () => dsAttempt(ctx, world.group, dave, daves, { anonymous: true }),
    permitted: [{ status: 403, code: 'unauthorized' }],
    // Bob's laptop: its user is in the group, so it may join by external commit.
    nextValid: async () => dsAttempt(ctx, world.group, laptop, await externalJoinBody(ctx, laptop, world.group), { anonymous: true }),
  });
}

/**
 * DS draft "Join the group using an external commit"; profile §14: only a
 * client whose user already has a client in the group may join by
 * external commit, else `unauthorized`.
 *
 * @example
 * await runCatalog({ target, checks: [externalJoinUserInGroup], seed: 1 });
 */
export const externalJoinUserInGroup: Check = {
  id: 'ds.external-join.user-in-group',
  section: 'DS draft "Join the group using an external commit"; PROFILE §14',
  quote: "the joiner's user MUST already have a client in the group, else unauthorized",
  level: 'PROFILE',
  role: 'ds',
  run,
};
