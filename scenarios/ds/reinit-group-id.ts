import { dsAttempt, groupIdNaming, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit, commitReinit, mimiGroupContextExtension } from '../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const elsewhere = groupIdNaming(ctx, ctx.peers[1]?.dsDomain ?? 'ds.elsewhere.test');
  const out = await commitReinit(stateIn(alice, world.group), elsewhere, [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' })]);
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: 'a ReInit whose new group id names another DS',
    attempt: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_re_initialize_group', re_initialize_group_request: { commit: groupUpdateOf(out) } }),
    permitted: [{ status: 422, code: 'invalid_proposal' }],
    nextValid: async () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(await commit(stateIn(alice, world.group))) } }),
  });
}

/**
 * DS draft "ReInitialize a group"; profile §14: the ReInit's group id MUST
 * be a MimiGroupId of this DS that is not in use (`invalid_proposal`).
 *
 * @example
 * await runCatalog({ target, checks: [reinitGroupId], seed: 1 });
 */
export const reinitGroupId: Check = {
  id: 'ds.reinit.group-id',
  section: 'DS draft "ReInitialize a group"; PROFILE §14',
  quote: 'the ReInit group_id MUST be a MimiGroupId of this DS that is not in use',
  level: 'PROFILE',
  role: 'ds',
  run,
};
