import { craftCommit, dsAttempt, eachRefusedWithoutEffect, groupOnTarget, memberAt, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';
import { clientIdText, type ClientId } from '../../../harness/messages/index.js';
import { basicCredential, clientCredential } from '../../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const bob = memberAt(world, 1);
  const member = stateIn(bob, world.group);
  const otherDomain = memberAt(world, 0).id.user.domain;
  // Bob's own names at another provider: a valid ClientID, but of a client that is not the sender (profile §2: a client belongs to UserID.domain).
  const foreign: ClientId = { user: { user_name: bob.id.user.user_name, domain: otherDomain }, client_name: bob.id.client_name };
  const invalid = [
    { what: "bob's update whose new leaf credential is a BasicCredential holding 'bob', no TLS-serialized ClientID", credential: basicCredential(new TextEncoder().encode(bob.id.user.user_name)) },
    { what: `bob's update whose new leaf credential names ${clientIdText(foreign)}, a client of another provider`, credential: clientCredential(foreign) },
  ];
  const crafted = await Promise.all(invalid.map(async (v) => ({ what: v.what, commit: await craftCommit(member, { credential: v.credential }) })));
  const valid = await craftCommit(member, {});
  return eachRefusedWithoutEffect(ctx, {
    group: world.group,
    violations: crafted.map((c) => ({ what: c.what, attempt: () => dsAttempt(ctx, world.group, bob, c.commit.body('ds_update_client')) })),
    permitted: [{ status: 422, code: 'invalid_commit' }],
    nextValid: () => dsAttempt(ctx, world.group, bob, valid.body('ds_update_client')),
  });
}

/**
 * DS draft "Update a client in a group": "If the leaf credential is changed
 * by the update, the DS MUST validate the new credential." A client's
 * credential is a BasicCredential holding its own ClientID (profile §12),
 * which never changes, so an UpdateClient whose path leaf carries a
 * credential that is no ClientID, or another provider's ClientID, is
 * refused `invalid_commit` and changes nothing; bob's honest update is
 * then accepted. Both leaves are signed with bob's own key.
 *
 * @example
 * await runCatalog({ target, checks: [updateValidateCredential], seed: 1 });
 */
export const updateValidateCredential: Check = {
  id: 'ds.update.validate-credential',
  section: 'DS draft "Update a client in a group"; PROFILE §12',
  quote: 'If the leaf credential is changed by the update, the DS MUST validate the new credential.',
  level: 'MUST',
  role: 'ds',
  run,
};
