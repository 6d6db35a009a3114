import { describeOutcome, dsAttempt, fanOutsSoFar, groupIdNaming, groupUpdateOf, harnessClient, servedGroup, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit, createKeyPackage, createMimiGroup, dsCredential, externalSendersExtension, mimiGroupContextExtension } from '../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice' });
  // A group id naming the target that it never issued: alice's group exists only on her side.
  const group = groupIdNaming(ctx, ctx.target.dsDomain);
  const extensions = [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' }), externalSendersExtension([{ signaturePublicKey: alice.identity.signatureKeyPair.publicKey, credential: dsCredential(ctx.target.dsDomain) }])];
  const { member } = await createMimiGroup(alice.identity, await createKeyPackage(alice.identity), group, extensions);
  const out = await commit(member);
  const expected = 'a commit for a group the target does not have: 404 unknown_group, no fan-out, still no group served';
  const fanOuts = fanOutsSoFar(ctx);
  const outcome = await dsAttempt(ctx, group, alice, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdateOf(out) } }, { senderIndex: 0 });
  if (outcome.status !== 404 || outcome.code !== 'unknown_group') return { status: 'fail', expected, actual: describeOutcome(outcome) };
  const served = await servedGroup(ctx, group);
  if (served.ok) return { status: 'fail', expected, actual: `${describeOutcome(outcome)}, but the group is served now` };
  if (fanOutsSoFar(ctx) !== fanOuts) return { status: 'fail', expected, actual: `${describeOutcome(outcome)}, but fan-out requests went out` };
  return { status: 'pass', expected, actual: `${describeOutcome(outcome)}; nothing served, nothing sent` };
}

/**
 * Profile §3, §4: a group id that names this DS but no group of it gets
 * `unknown_group` (404), and the request creates nothing.
 *
 * @example
 * await runCatalog({ target, checks: [commitUnknownGroup], seed: 1 });
 */
export const commitUnknownGroup: Check = {
  id: 'ds.commit.unknown-group',
  section: 'DS draft "Framing and processing overview"; PROFILE §3',
  quote: 'group_id names this DS, but it has no such group',
  level: 'PROFILE',
  role: 'ds',
  run,
};
