import { decodeErrorAnswer, sendRequest, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

/** Paths no endpoint has: near misses of real ones, and one under the well-known prefix. */
const UNKNOWN = ['/group_operations', '/deliver_message/extra', '/.well-known/mimi/ds-domains', '/'];

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  let sent = 0;
  for (const host of [ctx.target.dsDomain, ctx.target.domain]) {
    for (const path of UNKNOWN) {
      for (const method of ['GET', 'POST']) {
        const answer = await sendRequest(ctx, { source: 'conformance-client', url: `https://${host}${path}`, method, ...(method === 'POST' ? { headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([0]) } : {}) });
        sent += 1;
        const error = decodeErrorAnswer('DSResponse', answer.body);
        const label = `${method} https://${host}${path}`;
        if (answer.status !== 404) problems.push(`${label}: ${answer.status}`);
        else if (!error.ok) problems.push(`${label}: 404 but ${error.problem}`);
        else if (error.code !== 'not_found') problems.push(`${label}: 404 with code ${error.code}`);
      }
    }
  }
  const expected = '404 not_found as a DSResponse error for every path no endpoint has, on both names, whatever the method';
  return problems.length === 0 ? { status: 'pass', expected, actual: `404 not_found on all ${sent}` } : { status: 'fail', expected, actual: problems.join('; ') };
}

/**
 * Profile §10: an unknown path gets 404 `not_found`, its body a DSResponse
 * error ("for unknown paths, the body is a DSResponse error"); the path is
 * checked before the method.
 *
 * @example
 * await runChecks({ target, checks: [unknownPath], seed: 1 });
 */
export const unknownPath: Check = {
  id: 'transport.http.unknown-path',
  section: 'PROFILE §10',
  quote: 'unknown path | 404 not_found ... for unknown paths, the body is a DSResponse error',
  level: 'PROFILE',
  role: 'endpoint',
  run,
};
