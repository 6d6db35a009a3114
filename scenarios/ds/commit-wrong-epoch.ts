import { dsAttempt, groupOnTarget, groupUpdateOf, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit, type CommitOutput } from '../../harness/mls/index.js';

const update = (out: CommitOutput) => ({ request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } }) as const;

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const bob = memberAt(world, 1);
  const stale = await commit(stateIn(alice, world.group));
  await bob.update(world.group); // the group moves on; alice's commit is for the epoch before
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: "alice's commit for the epoch before the current one",
    attempt: () => dsAttempt(ctx, world.group, alice, update(stale)),
    permitted: [{ status: 409, code: 'wrong_epoch' }],
    nextValid: async () => {
      await alice.sync();
      return dsAttempt(ctx, world.group, alice, update(await commit(stateIn(alice, world.group))));
    },
  });
}

/**
 * DS draft "Framing and processing overview"; profile §3, §13: a commit
 * for an epoch other than the group's current one is `wrong_epoch` (so a
 * client knows to catch up); after catching up its commit is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [commitWrongEpoch], seed: 1 });
 */
export const commitWrongEpoch: Check = {
  id: 'ds.commit.wrong-epoch',
  section: 'DS draft "Framing and processing overview"; PROFILE §3, §13',
  quote: 'a commit for an epoch other than the current one gets wrong_epoch',
  level: 'PROFILE',
  role: 'ds',
  run,
};
