import { encode } from '../../../harness/codec/index.js';
import { decodeErrorAnswer, describeOutcome, dsAttempt, groupOnTarget, memberAt, sendRequest, stateIn, type Check, type CheckContext, type CheckVerdict, type DsOutcome } from '../../../harness/conformance/index.js';
import { dsRequest, type DSErrorCode, type DSRequestBody } from '../../../harness/messages/index.js';
import type { VirtualClient } from '../../../harness/scenario/index.js';

/** One request sent to a path that does not serve its type (profile §4). */
interface Misrouted {
  readonly what: string;
  readonly path: string;
  readonly body: DSRequestBody;
  readonly anonymous: boolean;
}

/** The anonymous request by GET with its body (the joining paths are GET endpoints; POST is only a SHOULD, profile §4, §10). */
async function byGet(ctx: CheckContext, client: VirtualClient, path: string, body: DSRequestBody): Promise<DsOutcome> {
  const bytes = encode(dsRequest, { version: 1, request_body: body, authentication_data: { auth_type: 'anonymous' } });
  const answer = await sendRequest(ctx, { source: client.provider.domain, url: `https://${ctx.target.dsDomain}${path}`, method: 'GET', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
  if (answer.status === 200) return { status: 200, code: 'ok', detail: '' };
  const error = decodeErrorAnswer('DSResponse', answer.body);
  return error.ok ? { status: answer.status, code: error.code as DSErrorCode, detail: error.message } : { status: answer.status, code: 'undecodable', detail: error.problem };
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }]);
  const alice = memberAt(world, 0);
  const epoch = stateIn(alice, world.group).state.groupContext.epoch;
  const cases: readonly Misrouted[] = [
    { what: 'ds_welcome_info on /group_operation', path: '/group_operation', body: { request_type: 'ds_welcome_info', welcome_info_request: { group_id: world.group, epoch } }, anonymous: false },
    { what: 'ds_external_commit_info on /group_operation', path: '/group_operation', body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: world.group } }, anonymous: true },
    { what: 'ds_request_group_id on /welcome_information', path: '/welcome_information', body: { request_type: 'ds_request_group_id' }, anonymous: true },
    { what: 'ds_request_group_id on /external_commit_information', path: '/external_commit_information', body: { request_type: 'ds_request_group_id' }, anonymous: true },
  ];
  const expected = `${cases.map((c) => c.what).join('; ')}: each 400 wrong_endpoint`;
  const seen: string[] = [];
  for (const c of cases) {
    // Each request is otherwise well-formed and carries the auth type its own path wants (profile §8).
    const posted = await dsAttempt(ctx, world.group, alice, c.body, { path: c.path, anonymous: c.anonymous });
    // A target that serves the joining paths by GET only may refuse the POST itself (405): then the GET is judged.
    const outcome = posted.status === 405 && c.path !== '/group_operation' ? await byGet(ctx, alice, c.path, c.body) : posted;
    seen.push(`${c.what}: ${describeOutcome(outcome)}`);
    if (outcome.status !== 400 || outcome.code !== 'wrong_endpoint') return { status: 'fail', expected, actual: seen.join('; ') };
  }
  return { status: 'pass', expected, actual: seen.join('; ') };
}

/**
 * Profile §4 (transport draft "Welcome Information", "External Commit
 * Information"): the two joining-information requests have their own paths;
 * either on `/group_operation`, or another request type on their paths, is
 * refused with `wrong_endpoint` (400).
 *
 * @example
 * await runCatalog({ target, checks: [joiningInfoWrongEndpoint], seed: 1 });
 */
export const joiningInfoWrongEndpoint: Check = {
  id: 'ds.joining-info.wrong-endpoint',
  section: 'DS draft "DS assisted joining"; PROFILE §3, §4',
  quote: 'either of these two types on `/group_operation`, MUST be refused with `wrong_endpoint`',
  level: 'PROFILE',
  role: 'ds',
  run,
};
