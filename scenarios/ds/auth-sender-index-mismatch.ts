import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit, leafIndexOf } from '../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  const out = await commit(stateIn(alice, world.group));
  const body = { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } } as const;
  // Bob wraps alice's commit in a request he signs as himself: a valid signature, for the wrong leaf.
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "alice's commit in a DSRequest signed by bob as his own leaf",
    attempt: () => dsAttempt(ctx, world.group, bob, body, { senderIndex: leafIndexOf(stateIn(bob, world.group)) }),
    permitted: [{ status: 403, code: 'unauthorized' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, body),
  });
}

/**
 * Profile §8: for a commit, `sender_index` MUST equal the commit's sender
 * leaf index; one that differs gets `unauthorized`, even when the
 * signature is valid for the leaf it names (a member cannot wrap someone
 * else's commit).
 *
 * @example
 * await runCatalog({ target, checks: [authSenderIndexMismatch], seed: 1 });
 */
export const authSenderIndexMismatch: Check = {
  id: 'ds.auth.sender-index-mismatch',
  section: 'DS draft "Client to server requests"; PROFILE §8',
  quote: 'sender_index that differs from the index the rules below require gets unauthorized.',
  level: 'PROFILE',
  role: 'ds',
  run,
};
