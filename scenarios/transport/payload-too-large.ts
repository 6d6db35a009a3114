import type { Check, CheckContext, CheckVerdict } from '../../harness/conformance/index.js';
import { BODY_ENDPOINTS, describeRaw, isError, rawToTarget } from './raw-wire.js';

/**
 * The declared size: 64 MiB, far over any sane endpoint limit (the profile's
 * default is 1 MiB, configurable), so that a target with a larger limit
 * than the default still has to refuse it.
 */
const DECLARED = 64 * 1024 * 1024;

/** What is actually sent of it: a few KiB, so only a server that answers on the Content-Length answers at all. */
const SENT = new Uint8Array(4096);

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  for (const endpoint of BODY_ENDPOINTS) {
    const label = `${endpoint.method} ${endpoint.path} declaring ${DECLARED} bytes, ${SENT.length} sent`;
    const answer = await rawToTarget(ctx, endpoint.method, endpoint.path, [`content-length: ${DECLARED}`], [SENT]);
    if (!answer.answered && answer.reason === 'timeout') {
      // A target that waits for the body waits on every endpoint alike: one stall is enough to judge, and each costs a timeout.
      problems.push(`${label}: ${describeRaw(answer, endpoint.errorResponse)}; the endpoints after it not tried`);
      break;
    }
    if (!isError(answer, endpoint.errorResponse, 413, 'payload_too_large')) problems.push(`${label}: ${describeRaw(answer, endpoint.errorResponse)}`);
    else if (answer.answered && answer.headers['connection']?.toLowerCase() !== 'close') problems.push(`${label}: 413 without Connection: close (the unread rest would be taken for the next request)`);
  }
  const expected = `on all ${BODY_ENDPOINTS.length} endpoints with a request body: 413 payload_too_large in the endpoint's error carrier, answered on the Content-Length before the body is read, with Connection: close`;
  return problems.length === 0 ? { status: 'pass', expected, actual: `413 before the body, on all ${BODY_ENDPOINTS.length}` } : { status: 'fail', expected, actual: problems.join('; ') };
}

/**
 * Profile §10: a body above the endpoint's limit gets 413
 * `payload_too_large`, "checked on Content-Length before the body is read",
 * and a server that answers early sends `Connection: close`. Only a few
 * KiB of the declared body are sent: a server that reads before it checks
 * never answers, and times out on the virtual clock.
 *
 * @example
 * await runChecks({ target, checks: [payloadTooLarge], seed: 1 });
 */
export const payloadTooLarge: Check = {
  id: 'transport.http.payload-too-large',
  section: 'PROFILE §10',
  quote: 'checked on Content-Length before the body is read, and for a chunked body while it streams',
  level: 'PROFILE',
  role: 'endpoint',
  needs: ['tls'],
  run,
};
