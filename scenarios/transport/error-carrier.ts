import { decodeErrorAnswer, sendRequest, type Check, type CheckContext, type CheckVerdict, type WireAnswer } from '../../harness/conformance/index.js';
import { DS_DOMAIN_PATH, ENDPOINTS, httpStatusOf, type DSErrorCode, type Endpoint } from '../../harness/messages/index.js';

/** A body no endpoint decodes (version 1, then bytes that are no valid field), sent with the right Content-Type. */
const GARBAGE = new Uint8Array([0x00, 0x01, 0xff, 0xff, 0xff]);

const headerValue = (value: string | string[] | undefined): string => (Array.isArray(value) ? value.join(',') : (value ?? ''));

/** What is wrong with one error answer, or undefined: Content-Type, the carrier, and the status the code fixes (profile §3). */
function problemOf(endpoint: Endpoint, answer: WireAnswer): string | undefined {
  const type = headerValue(answer.headers['content-type']).split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/octet-stream') return `Content-Type "${headerValue(answer.headers['content-type'])}"`;
  const error = decodeErrorAnswer(endpoint.errorResponse, answer.body);
  if (!error.ok) return error.problem;
  const status = httpStatusOf(error.code as DSErrorCode);
  if (status !== answer.status) return `${answer.status} with code ${error.code}, whose status is ${status}`;
  return undefined;
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  let judged = 0;
  for (const endpoint of ENDPOINTS) {
    const host = endpoint.path === DS_DOMAIN_PATH ? ctx.target.domain : ctx.target.dsDomain;
    const url = `https://${host}${endpoint.path}`;
    // Two refusals every endpoint has: a wrong method, and (where a body is read) bytes that do not decode.
    const attempts: { label: string; answer: WireAnswer }[] = [{ label: `DELETE ${endpoint.path}`, answer: await sendRequest(ctx, { source: 'conformance-client', url, method: 'DELETE' }) }];
    if (endpoint.request !== null) {
      const answer = await sendRequest(ctx, { source: 'conformance-client', url, method: endpoint.method, headers: { 'content-type': 'application/octet-stream' }, body: GARBAGE });
      attempts.push({ label: `${endpoint.method} ${endpoint.path} with undecodable bytes`, answer });
    }
    for (const { label, answer } of attempts) {
      judged += 1;
      if (answer.status < 400) problems.push(`${label}: ${answer.status}, not an error`);
      else {
        const problem = problemOf(endpoint, answer);
        if (problem !== undefined) problems.push(`${label}: ${problem}`);
      }
    }
  }
  const expected = "every error answer application/octet-stream, decodable as the endpoint's error carrier (DSResponse where the response has no error variant), with the HTTP status its code fixes";
  return problems.length === 0 ? { status: 'pass', expected, actual: `all ${judged} error answers so` } : { status: 'fail', expected, actual: problems.join('; ') };
}

/**
 * Profile §10: "Every response body is TLS-serialized with Content-Type:
 * application/octet-stream. An error response carries the endpoint's own
 * response type with its error variant", and profile §3: the HTTP status is
 * fixed by the code. Judged on a wrong method and an undecodable body at
 * every endpoint.
 *
 * @example
 * await runChecks({ target, checks: [errorCarrier], seed: 1 });
 */
export const errorCarrier: Check = {
  id: 'transport.http.error-carrier',
  section: 'PROFILE §10, §3',
  quote: 'Every response body is TLS-serialized with Content-Type: application/octet-stream. An error response carries the endpoint\'s own response type with its error variant',
  level: 'PROFILE',
  role: 'endpoint',
  run,
};
