import type { Check, CheckContext, CheckVerdict } from '../../harness/conformance/index.js';
import { BODY_ENDPOINTS, chunk, describeRaw, isError, LAST_CHUNK, rawToTarget } from './raw-wire.js';

/** A body no endpoint decodes: sent chunked, it must be read and refused for its bytes (400 decode_error, or unsupported_version where the leading field is no version 1), not for its framing. */
const GARBAGE = new Uint8Array([0x00, 0x01, 0xff, 0xff, 0xff]);

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  for (const endpoint of BODY_ENDPOINTS) {
    const label = `${endpoint.method} ${endpoint.path}`;
    // Neither Content-Length nor Transfer-Encoding: a request that needs a body has none (RFC 9112 §6.3).
    const bare = await rawToTarget(ctx, endpoint.method, endpoint.path, []);
    if (!isError(bare, endpoint.errorResponse, 411, 'length_required')) problems.push(`${label} without Content-Length or chunked: ${describeRaw(bare, endpoint.errorResponse)}`);
    // The same request chunked is accepted (profile §10) and judged on its bytes.
    const chunked = await rawToTarget(ctx, endpoint.method, endpoint.path, ['transfer-encoding: chunked'], [chunk(GARBAGE), LAST_CHUNK]);
    if (!isError(chunked, endpoint.errorResponse, 400, 'decode_error') && !isError(chunked, endpoint.errorResponse, 400, 'unsupported_version')) problems.push(`${label} with a chunked undecodable body: ${describeRaw(chunked, endpoint.errorResponse)}`);
  }
  const expected = `on all ${BODY_ENDPOINTS.length} endpoints with a request body: 411 length_required without Content-Length or chunked coding; a chunked body read (400 decode_error or unsupported_version for undecodable bytes), each in the endpoint's error carrier`;
  return problems.length === 0 ? { status: 'pass', expected, actual: `411 without a length, 400 decode_error chunked, on all ${BODY_ENDPOINTS.length}` } : { status: 'fail', expected, actual: problems.join('; ') };
}

/**
 * Profile §10: a request that needs a body and has neither Content-Length
 * nor `Transfer-Encoding: chunked` gets 411 `length_required`; a chunked
 * body is accepted (RFC 9112 §6.1 obliges every HTTP/1.1 recipient to parse
 * it). The requests are raw bytes: Node's clients always frame a body.
 *
 * @example
 * await runChecks({ target, checks: [lengthRequired], seed: 1 });
 */
export const lengthRequired: Check = {
  id: 'transport.http.length-required',
  section: 'PROFILE §10; RFC 9112 §6.1, §6.3',
  quote: 'a request that needs a body has neither Content-Length nor Transfer-Encoding: chunked | 411 length_required',
  level: 'PROFILE',
  role: 'endpoint',
  needs: ['tls'],
  alternatives: ['a chunked body is accepted like one with Content-Length (refusing it with 411 is what the profile rules out)'],
  run,
};
