import { encode } from '../../harness/codec/index.js';
import { describeOutcome, fanOutsSoFar, harnessClient, lastSent, persona, sendDsBytes, settleTarget, type Check, type CheckVerdict } from '../../harness/conformance/index.js';
import { dsRequest } from '../../harness/messages/index.js';

/**
 * Issue 10 §3: a group_operation on a group another DS owns. alice's group
 * lives on the harness DS (peer 0); her accepted commit there, and an
 * ExternalCommitInfoRequest for the group, are sent to the target, whose
 * group ids do not name it (profile §2, §6): `not_owner`, and the target
 * fans nothing out.
 *
 * @example
 * await runCatalog({ target, checks: [foreignGroup], seed: 1 });
 */
export const foreignGroup: Check = {
  id: 'adversarial.foreign-group',
  section: 'DS draft "Client-initiated operations"; PROFILE §2, §6',
  quote: 'A DS MUST refuse any operation on a group whose group_id does not name it, or is not a MimiGroupId at all, with not_owner (421).',
  level: 'MUST',
  role: 'ds',
  alternatives: ['421 not_owner'],
  async run(ctx): Promise<CheckVerdict> {
    const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
    const bob = await harnessClient(ctx, { user: 'bob', peer: 1 });
    const group = await alice.createGroup('regular');
    await alice.addUsers(group, [bob.id]);
    await alice.update(group);
    await settleTarget(ctx, [bob]);
    const commit = lastSent(ctx, alice.provider.domain, alice.provider.dsDomain, '/group_operation');
    const mallory = persona(ctx, 1);
    const expected = `alice's commit in a group of ${alice.provider.dsDomain}, and an external-commit-info request for it, sent to ${ctx.target.dsDomain}: 421 not_owner each, no fan-out`;
    const before = fanOutsSoFar(ctx);
    const operation = await sendDsBytes(mallory, ctx.target.dsDomain, '/group_operation', commit.request);
    const info = encode(dsRequest, { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: group } }, authentication_data: { auth_type: 'anonymous' } });
    const served = await sendDsBytes(mallory, ctx.target.dsDomain, '/external_commit_information', info);
    await settleTarget(ctx);
    const actual = `/group_operation: ${describeOutcome(operation)}; /external_commit_information: ${describeOutcome(served)}`;
    if (operation.status !== 421 || operation.code !== 'not_owner' || served.status !== 421 || served.code !== 'not_owner') return { status: 'fail', expected, actual };
    if (fanOutsSoFar(ctx) !== before) return { status: 'fail', expected, actual: `${actual}; but the target fanned out ${fanOutsSoFar(ctx) - before} request(s)` };
    return { status: 'pass', expected, actual };
  },
};
