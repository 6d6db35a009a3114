import { decodeErrorAnswer, sendRequest, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { DS_DOMAIN_PATH, ENDPOINTS } from '../../harness/messages/index.js';

/** A method no endpoint of the transport draft accepts (POST is an allowed alternative on the GET-with-body paths, HEAD beside discovery). */
const WRONG_METHOD = 'DELETE';

function allowList(value: string | string[] | undefined): string[] {
  const text = Array.isArray(value) ? value.join(',') : (value ?? '');
  return text.split(',').map((m) => m.trim().toUpperCase()).filter((m) => m !== '');
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  for (const endpoint of ENDPOINTS) {
    // Discovery lives on the provider domain (profile §11); every other path on the DS domain.
    const host = endpoint.path === DS_DOMAIN_PATH ? ctx.target.domain : ctx.target.dsDomain;
    const answer = await sendRequest(ctx, { source: 'conformance-client', url: `https://${host}${endpoint.path}`, method: WRONG_METHOD });
    const allow = allowList(answer.headers.allow);
    const error = decodeErrorAnswer(endpoint.errorResponse, answer.body);
    if (answer.status !== 405) problems.push(`${WRONG_METHOD} ${endpoint.path}: ${answer.status}`);
    else if (!allow.includes(endpoint.method) || allow.includes(WRONG_METHOD)) problems.push(`${WRONG_METHOD} ${endpoint.path}: Allow "${allow.join(', ')}" must list ${endpoint.method} and not ${WRONG_METHOD}`);
    else if (!error.ok || error.code !== 'method_not_allowed') problems.push(`${WRONG_METHOD} ${endpoint.path}: body ${error.ok ? error.code : error.problem}`);
  }
  const expected = `405 method_not_allowed in each endpoint's error carrier, with an Allow header listing the path's method, on all ${ENDPOINTS.length} paths`;
  return problems.length === 0 ? { status: 'pass', expected, actual: `405 with Allow on all ${ENDPOINTS.length} paths` } : { status: 'fail', expected, actual: problems.join('; ') };
}

/**
 * Profile §10: a wrong method gets 405 `method_not_allowed`, with `Allow`
 * listing the methods the path accepts (RFC 9110 §15.5.6 makes Allow a MUST on 405).
 *
 * @example
 * await runChecks({ target, checks: [methodNotAllowed], seed: 1 });
 */
export const methodNotAllowed: Check = {
  id: 'transport.http.method-not-allowed',
  section: 'PROFILE §10; RFC 9110 §15.5.6',
  quote: 'wrong method | 405 method_not_allowed, with Allow listing the methods the path accepts',
  level: 'PROFILE',
  role: 'endpoint',
  run,
};
