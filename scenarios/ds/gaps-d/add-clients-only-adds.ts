import { craftCommit, dsAttempt, eachRefusedWithoutEffect, groupOnTarget, harnessClient, holdingSelfRemove, memberAt, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { resumptionPskProposal, unchangedExtensionsProposal } from '../../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const bob = memberAt(world, 1);
  const laptop = await harnessClient(ctx, { user: 'bob', peer: 1, device: 'laptop' });
  // Carol's stored self-remove, included by reference, gives every commit an UpdatePath, which GroupContextExtensions needs (RFC 9420 §12.4).
  const member = await holdingSelfRemove(ctx, world.group, memberAt(world, 2), bob);
  const withExtensions = await craftCommit(member, { adding: [laptop], byValue: [unchangedExtensionsProposal(member)] });
  const withPsk = await craftCommit(member, { adding: [laptop], byValue: [await resumptionPskProposal(member)] });
  const valid = await craftCommit(member, { adding: [laptop] });
  return eachRefusedWithoutEffect(ctx, {
    group: world.group,
    violations: [
      { what: "bob's commit adding his laptop with a GroupContextExtensions proposal (the group's extensions unchanged), as ds_add_clients", attempt: () => dsAttempt(ctx, world.group, bob, withExtensions.body('ds_add_clients')) },
      { what: "bob's commit adding his laptop with a PreSharedKey proposal (the epoch's resumption PSK), as ds_add_clients", attempt: () => dsAttempt(ctx, world.group, bob, withPsk.body('ds_add_clients')) },
    ],
    permitted: [{ status: 422, code: 'invalid_commit' }],
    nextValid: () => dsAttempt(ctx, world.group, bob, valid.body('ds_add_clients')),
  });
}

/**
 * DS draft "Add clients to a group": "The MLSGroupUpdate MUST contain a
 * PublicMessage with a commit that contains only Add proposals with the
 * possible exception of Remove proposals as detailed in" Proposals by
 * reference. Bob's
 * commit adding his laptop, with a GroupContextExtensions or a PreSharedKey
 * proposal besides (each valid in RFC 9420), is refused as AddClients
 * (profile §14: the request type must match the commit's class,
 * `invalid_commit`) and changes nothing; the same Add with only the stored
 * Remove by reference is then accepted.
 *
 * @example
 * await runCatalog({ target, checks: [addClientsOnlyAdds], seed: 1 });
 */
export const addClientsOnlyAdds: Check = {
  id: 'ds.add-clients.only-adds',
  section: 'DS draft "Add clients to a group"; PROFILE §14',
  quote: 'The MLSGroupUpdate MUST contain a PublicMessage with a commit that contains only Add proposals with the possible exception of Remove proposals',
  level: 'MUST',
  role: 'ds',
  run,
};
