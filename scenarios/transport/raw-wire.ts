import { decodeErrorAnswer, type CheckContext } from '../../harness/conformance/index.js';
import { ENDPOINTS, type Endpoint } from '../../harness/messages/index.js';
import type { RawAnswer } from '../../harness/network/index.js';

/** The endpoints that take a request body (all but discovery), each with its method (transport draft "REST Endpoints"). */
export const BODY_ENDPOINTS: readonly Endpoint[] = ENDPOINTS.filter((e) => e.request !== null);

/** The source the raw requests of the transport checks come from. */
export const RAW_SOURCE = 'conformance-raw-client';

/**
 * Sends raw HTTP/1.1 to the target's DS domain: the request line, `host`,
 * `content-type: application/octet-stream`, `connection: close`, the extra
 * header lines given, then `parts` as they are (profile §10 cases no HTTP
 * client would send: no Content-Length, a body cut short).
 *
 * @example
 * const answer = await rawToTarget(ctx, 'POST', '/group_operation', ['transfer-encoding: chunked'], [chunk(bytes), LAST_CHUNK]);
 */
export function rawToTarget(ctx: CheckContext, method: string, path: string, headers: readonly string[], parts: readonly Uint8Array[] = []): Promise<RawAnswer> {
  const host = ctx.target.dsDomain;
  const head = [`${method} ${path} HTTP/1.1`, `host: ${host}`, 'content-type: application/octet-stream', 'connection: close', ...headers, '', ''].join('\r\n');
  return ctx.network.rawRequest(host, { head, parts }, RAW_SOURCE);
}

/** One chunk of the chunked transfer coding (RFC 9112 §7.1). @example chunk(new Uint8Array([1, 2])) */
export function chunk(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(Buffer.concat([Buffer.from(`${bytes.length.toString(16)}\r\n`), bytes, Buffer.from('\r\n')]));
}

/** The last chunk, ending a chunked body. */
export const LAST_CHUNK = new Uint8Array(Buffer.from('0\r\n\r\n'));

/** `411 length_required`, `413 (body: not a DSResponse ...)` or why there was no answer, for evidence. @example describeRaw(answer, 'DSResponse') */
export function describeRaw(answer: RawAnswer, carrier: string): string {
  if (!answer.answered) return `no answer (${answer.reason}: ${answer.detail})`;
  const error = decodeErrorAnswer(carrier, answer.body);
  return `${answer.status} ${error.ok ? error.code : `(body: ${error.problem})`}`;
}

/** Whether a raw answer is `status` with the error `code` in the endpoint's carrier. @example isError(answer, 'DSResponse', 411, 'length_required') */
export function isError(answer: RawAnswer, carrier: string, status: number, code: string): boolean {
  if (!answer.answered || answer.status !== status) return false;
  const error = decodeErrorAnswer(carrier, answer.body);
  return error.ok && error.code === code;
}
