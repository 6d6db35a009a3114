import { groupOnTarget, lastSent, persona, refusedWithoutEffect, replaceBytes, sendDsBytes, settleTarget, type Check, type DsOutcome } from '../../harness/conformance/index.js';
import type { VirtualClient } from '../../harness/scenario/index.js';

async function updated(client: VirtualClient, group: Uint8Array): Promise<DsOutcome> {
  try {
    await client.update(group);
    return { status: 200, code: 'ok', detail: '' };
  } catch (error) {
    return { status: 0, code: 'undecodable', detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Issue 10 §3: a cross-epoch replay of a signed commit. alice's accepted
 * UpdateClient request is captured and sent again by bob's provider's
 * persona after the epoch has moved on: `wrong_epoch`, and nothing changes
 * (profile §13: "A retried commit whose first attempt succeeded therefore
 * gets wrong_epoch").
 *
 * @example
 * await runCatalog({ target, checks: [crossEpochCommitReplay], seed: 1 });
 */
export const crossEpochCommitReplay: Check = {
  id: 'adversarial.commit-replay.cross-epoch',
  section: 'DS draft "Update a client"; PROFILE §13',
  quote: 'a commit for an epoch other than the current one gets wrong_epoch',
  level: 'MUST',
  role: 'ds',
  alternatives: ['409 wrong_epoch'],
  async run(ctx) {
    const world = await groupOnTarget(ctx, [{ user: 'alice', peer: 0 }, { user: 'bob', peer: 1 }]);
    const [alice, bob] = world.members;
    if (alice === undefined || bob === undefined) throw new Error('the group lost a member');
    await alice.update(world.group);
    await settleTarget(ctx, [bob]);
    const commit = lastSent(ctx, alice.provider.domain, ctx.target.dsDomain, '/group_operation');
    const mallory = persona(ctx, 1);
    return refusedWithoutEffect(ctx, {
      group: world.group,
      what: "alice's accepted commit, replayed a epoch later",
      attempt: () => sendDsBytes(mallory, ctx.target.dsDomain, '/group_operation', commit.request),
      permitted: [{ status: 409, code: 'wrong_epoch' }],
      nextValid: () => updated(alice, world.group),
    });
  },
};

/**
 * Issue 10 §3: a cross-group replay of a signed commit. alice and bob are
 * in two groups on the target at the same epoch; alice's UpdateClient
 * request in the first is captured, its group id swapped for the second's,
 * and sent by bob's provider's persona. Both signatures (ClientSignature,
 * FramedContent) cover the group id, so it is `invalid_signature`.
 *
 * @example
 * await runCatalog({ target, checks: [crossGroupCommitReplay], seed: 1 });
 */
export const crossGroupCommitReplay: Check = {
  id: 'adversarial.commit-replay.cross-group',
  section: 'DS draft "Update a client"; PROFILE §7, §8',
  quote: 'Commits: the MLS commit is signed too, and binding the DSRequest signature to the same leaf stops a member from wrapping someone else\'s commit.',
  level: 'MUST',
  role: 'ds',
  alternatives: ['403 invalid_signature'],
  async run(ctx) {
    const world = await groupOnTarget(ctx, [{ user: 'alice', peer: 0 }, { user: 'bob', peer: 1 }]);
    const [alice, bob] = world.members;
    if (alice === undefined || bob === undefined) throw new Error('the group lost a member');
    const other = await alice.createGroup('regular', { dsDomain: ctx.target.dsDomain });
    await alice.addUsers(other, [bob.id]);
    await settleTarget(ctx, [bob]);
    if (bob.member(other) === undefined) throw new Error('bob did not join the second group');
    await alice.update(world.group);
    await settleTarget(ctx, [bob]);
    const commit = lastSent(ctx, alice.provider.domain, ctx.target.dsDomain, '/group_operation');
    const moved = replaceBytes(commit.request, world.group, other);
    const mallory = persona(ctx, 1);
    return refusedWithoutEffect(ctx, {
      group: other,
      what: "alice's commit in one group, moved to another group of the same epoch",
      attempt: () => sendDsBytes(mallory, ctx.target.dsDomain, '/group_operation', moved),
      permitted: [{ status: 403, code: 'invalid_signature' }],
      nextValid: () => updated(alice, other),
    });
  },
};
