import { decodeErrorAnswer, sendRequest, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { ENDPOINTS } from '../../harness/messages/index.js';

/** The wrong Content-Types sent: none at all, and a text type. */
const WRONG_TYPES: readonly (string | null)[] = [null, 'text/plain'];

/** A body that is no valid request of any endpoint, so that only the media type decides the answer before decoding. */
const BODY = new Uint8Array([1, 2, 3, 4]);

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  let sent = 0;
  for (const endpoint of ENDPOINTS.filter((e) => e.method === 'POST')) {
    for (const type of WRONG_TYPES) {
      const headers: Record<string, string> = type === null ? {} : { 'content-type': type };
      const answer = await sendRequest(ctx, { source: 'conformance-client', url: `https://${ctx.target.dsDomain}${endpoint.path}`, method: 'POST', headers, body: BODY });
      sent += 1;
      // @note the error variants of all four carriers have the same bytes on the wire (profile §10), so a
      // carrier mix-up cannot be seen here; what is checked is that the body decodes as this path's carrier.
      const error = decodeErrorAnswer(endpoint.errorResponse, answer.body);
      const label = `POST ${endpoint.path} with ${type ?? 'no Content-Type'}`;
      if (answer.status !== 415) problems.push(`${label}: ${answer.status}`);
      else if (!error.ok) problems.push(`${label}: ${error.problem}`);
      else if (error.code !== 'unsupported_media_type') problems.push(`${label}: code ${error.code}`);
    }
  }
  const expected = 'each POST endpoint answers 415 unsupported_media_type, decodable as its own error carrier';
  return problems.length === 0 ? { status: 'pass', expected, actual: `415 unsupported_media_type on all ${sent} requests` } : { status: 'fail', expected, actual: problems.join('; ') };
}

/**
 * Profile §10: a request body without `Content-Type: application/octet-stream`
 * gets 415 `unsupported_media_type`, in the endpoint's own error carrier.
 *
 * @example
 * await runChecks({ target, checks: [unsupportedMediaType], seed: 1 });
 */
export const unsupportedMediaType: Check = {
  id: 'transport.http.unsupported-media-type',
  section: 'PROFILE §10',
  quote: 'a request body without Content-Type: application/octet-stream | 415 unsupported_media_type',
  level: 'PROFILE',
  role: 'endpoint',
  run,
};
