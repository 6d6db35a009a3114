import { describeOutcome, dsSend, harnessClient, type Check, type CheckContext, type CheckVerdict } from '../../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
  const bob = await harnessClient(ctx, { user: 'bob', peer: 1 });
  const user = `${bob.id.user.user_name}@${bob.id.user.domain}`;
  const expected = `anonymous ds_connection_key_packages at ${ctx.target.dsDomain} for ${user} (a user of ${bob.id.user.domain}): 421 wrong_recipient`;
  const outcome = await dsSend(ctx, alice, ctx.target.dsDomain, '/group_operation', {
    version: 1,
    request_body: { request_type: 'ds_connection_key_packages', connection_key_packages_request: { user_identifier: bob.id.user } },
    authentication_data: { auth_type: 'anonymous' },
  });
  if (outcome.status !== 421 || outcome.code !== 'wrong_recipient') return { status: 'fail', expected, actual: describeOutcome(outcome) };
  return { status: 'pass', expected, actual: describeOutcome(outcome) };
}

/**
 * DS draft "Fetch connection KeyPackages of one or more clients"; profile
 * §3, §6: a DS hands out connection KeyPackages of its own provider's users
 * only; a ConnectionKeyPackagesRequest naming a user of another provider
 * gets `wrong_recipient`.
 *
 * @example
 * await runCatalog({ target, checks: [connectionKeyPackagesNative], seed: 1 });
 */
export const connectionKeyPackagesNative: Check = {
  id: 'ds.connection-key-packages.native',
  section: 'DS draft "Fetch connection KeyPackages of one or more clients"; PROFILE §3, §6',
  quote: 'All client identifiers MUST refer to clients native to this DS.',
  level: 'MUST',
  role: 'ds',
  run,
};
