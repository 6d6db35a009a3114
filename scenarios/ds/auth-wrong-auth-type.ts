import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit } from '../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const out = await commit(stateIn(alice, world.group));
  const body = { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } } as const;
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: 'an UpdateClient commit sent anonymously',
    attempt: () => dsAttempt(ctx, world.group, alice, body, { anonymous: true }),
    permitted: [{ status: 403, code: 'unauthorized' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, body),
  });
}

/**
 * Profile §8: every request type needs exactly one DSAuthType; a commit
 * needs the committer's client signature, and any other auth type is
 * `unauthorized`.
 *
 * @example
 * await runCatalog({ target, checks: [authWrongAuthType], seed: 1 });
 */
export const authWrongAuthType: Check = {
  id: 'ds.auth.wrong-auth-type',
  section: 'DS draft "Client to server requests"; PROFILE §8',
  quote: 'Every DSRequest type needs exactly one DSAuthType. Any other auth type gets unauthorized (403).',
  level: 'PROFILE',
  role: 'ds',
  run,
};
