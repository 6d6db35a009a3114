import { dsAttempt, groupOnTarget, groupUpdateOf, harnessClient, memberAt, refusedWithoutEffect, servedGroup, describeOutcome, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import type { DSRequestBody } from '../../../harness/messages/index.js';
import { createIdentity, createKeyPackage, externalJoin, treeFromNodes, type ClientIdentity } from '../../../harness/mls/index.js';
import { addBody } from './crafted-leaves.js';

/** The ExternalJoin body of `twin` from what the DS serves, as a new client (no resync: it removes no leaf). */
async function joinBody(ctx: CheckContext, group: Uint8Array, twin: ClientIdentity): Promise<DSRequestBody> {
  const served = await servedGroup(ctx, group);
  if (!served.ok) throw new Error(`the DS serves no external commit information: ${describeOutcome(served.outcome)}`);
  const out = await externalJoin(twin, await createKeyPackage(twin), served.groupInfo, treeFromNodes(served.tree), false);
  return { request_type: 'ds_external_join', external_join_request: { group_update: groupUpdateOf(out) } };
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const bob = memberAt(world, 1);
  // A second client claiming bob's own ClientID, with fresh keys: RFC 9420 alone would take it (its keys are unique).
  const twin = await createIdentity(bob.id);
  const byAdd = await addBody(bob, world.group, [{ domain: bob.id.user.domain, keyPackage: await createKeyPackage(twin) }], 'ds_add_clients');
  const added = await refusedWithoutEffect(ctx, {
    group: world.group,
    what: "bob's ds_add_clients adding a KeyPackage whose credential is bob's own ClientID",
    attempt: () => dsAttempt(ctx, world.group, bob, byAdd),
    permitted: [{ status: 422, code: 'invalid_commit' }],
  });
  if (added.status !== 'pass') return added;
  const byTwin = await joinBody(ctx, world.group, twin);
  // The same external join by bob's laptop (a new ClientID of a user in the group) is accepted.
  const laptop = await harnessClient(ctx, { user: 'bob', peer: 1, device: 'laptop' });
  const byLaptop = await joinBody(ctx, world.group, laptop.identity);
  const joined = await refusedWithoutEffect(ctx, {
    group: world.group,
    what: "an external join (no resync) by a client with bob's ClientID",
    attempt: () => dsAttempt(ctx, world.group, bob, byTwin, { anonymous: true }),
    permitted: [{ status: 422, code: 'invalid_commit' }],
    nextValid: () => dsAttempt(ctx, world.group, laptop, byLaptop, { anonymous: true }),
  });
  if (joined.status !== 'pass') return joined;
  return { status: 'pass', expected: `${added.expected}; ${joined.expected}`, actual: `${added.actual}; ${joined.actual}` };
}

/**
 * Profile §12, §14: a client's credential holds its ClientID, and a ClientID
 * names one client, so no commit may bring in a leaf whose ClientID a member
 * that stays in the group already has: neither an AddClients of such a
 * KeyPackage nor an external join that is not a resync (`invalid_commit`).
 * Both are refused and change nothing; the external join of a new client of
 * the same user is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [commitUniqueClientIds], seed: 1 });
 */
export const commitUniqueClientIds: Check = {
  id: 'ds.commit.unique-client-ids',
  section: 'PROFILE §12, §14',
  quote: 'No commit may bring in a leaf (by Add or by external join) whose ClientID a member that stays in the group already has',
  level: 'PROFILE',
  role: 'ds',
  run,
};
