import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit } from '../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  const out = await commit(stateIn(alice, world.group));
  const body = { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } } as const;
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "alice's commit with alice's sender_index but a ClientSignature by bob's key",
    attempt: () => dsAttempt(ctx, world.group, alice, body, { signKey: bob.identity.signatureKeyPair.signKey }),
    permitted: [{ status: 403, code: 'invalid_signature' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, body),
  });
}

/**
 * Profile §7, §8: the DS verifies the ClientSignature with the key of the
 * leaf `sender_index` names; one that does not verify is
 * `invalid_signature`.
 *
 * @example
 * await runCatalog({ target, checks: [authBadSignature], seed: 1 });
 */
export const authBadSignature: Check = {
  id: 'ds.auth.bad-signature',
  section: 'DS draft "Client to server requests"; PROFILE §7, §8',
  quote: 'A signature that does not verify gets invalid_signature.',
  level: 'PROFILE',
  role: 'ds',
  run,
};
