import { describeOutcome, dsSend, harnessClient, nameOf, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
  const bob = await harnessClient(ctx, { user: 'bob', peer: 1 });
  const expected = `ds_key_packages at ${ctx.target.dsDomain} for ${nameOf(bob)} (a client of ${bob.id.user.domain}): 421 wrong_recipient`;
  const outcome = await dsSend(ctx, alice, ctx.target.dsDomain, '/group_operation', { version: 1, request_body: { request_type: 'ds_key_packages', key_packages_request: { client_identifiers: [bob.id] } }, authentication_data: { auth_type: 'anonymous' } });
  if (outcome.status !== 421 || outcome.code !== 'wrong_recipient') return { status: 'fail', expected, actual: describeOutcome(outcome) };
  return { status: 'pass', expected, actual: describeOutcome(outcome) };
}

/**
 * DS draft "Fetch KeyPackages of one or more clients"; profile §3, §6: a DS
 * hands out KeyPackages of its own provider's clients only; identifiers of
 * another provider's client get `wrong_recipient`.
 *
 * @example
 * await runCatalog({ target, checks: [keyPackagesOtherProvider], seed: 1 });
 */
export const keyPackagesOtherProvider: Check = {
  id: 'ds.key-packages.other-provider',
  section: 'DS draft "Fetch KeyPackages of one or more clients"; PROFILE §3, §6',
  quote: 'wrong_recipient: … or the identifiers belong to another provider',
  level: 'PROFILE',
  role: 'ds',
  run,
};
