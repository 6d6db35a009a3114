/**
 * How a target must answer a body that does not decode strictly (profile §10
 * "HTTP semantics", §3 "DSError"): the malformed checks and the endpoint
 * fuzzer (docs/FUZZING.md "Endpoint fuzzing") judge by it.
 */
import { tryDecode } from '../codec/index.js';
import { decodeErrorAnswer, type WireAnswer } from './wire.js';
import { httpStatusOf, registryEntry, type DSErrorCode, type Endpoint } from '../messages/index.js';

/** Codes a body that does not decode may get (profile §10); rate_limited too, as the source limit comes before decoding. */
const UNDECODABLE_CODES: readonly string[] = ['decode_error', 'unsupported_version', 'rate_limited'];

const codecNamed = (name: string) => {
  const entry = registryEntry(name);
  if (entry === undefined) throw new Error(`${name} is not in the registry`);
  return entry.codec;
};

/** How a body fares under the profile's strict decoder: undefined if it decodes, else the DecodeError's code at its offset and path. @example strictProblem(endpoint, Uint8Array.of(0, 1)) // { code: 'truncated', offset: 2, path: 'DSRequest…' } */
export function strictProblem(endpoint: Endpoint, body: Uint8Array): { readonly code: string; readonly offset: number; readonly path: string } | undefined {
  const name = endpoint.request ?? '';
  const decoded = tryDecode(codecNamed(name), body, { rootName: name });
  return decoded.ok ? undefined : { code: decoded.error.code, offset: decoded.error.offset, path: decoded.error.path };
}

/**
 * What is wrong with `answer` to `body` on `endpoint`, or undefined if
 * nothing (profile §10 "HTTP semantics", §3 "DSError"):
 * - never a 5xx ("Bad input MUST NOT cause a 5xx");
 * - a body that does not decode strictly (trailing bytes included) is
 *   refused: 400 `decode_error`, or `unsupported_version` for a wrong
 *   DSProtocolVersion (which it MUST be when the version leads the body);
 *   `rate_limited` (429) is also permitted, the source limit being checked
 *   before the body is read, and 411 `length_required` for an empty GET
 *   body (no Content-Length goes on the wire for it);
 * - every refusal is a 4xx whose body decodes as the endpoint's error
 *   carrier, with the status its code has in §3;
 * - a 2xx (only for a body that still decodes) decodes as the endpoint's
 *   response struct.
 *
 * @example
 * const problem = judgeAnswer(endpoint, body, answer);
 */
export function judgeAnswer(endpoint: Endpoint, body: Uint8Array, answer: WireAnswer): string | undefined {
  const strict = strictProblem(endpoint, body);
  const status = answer.status;
  if (status >= 500) return `answered ${status}`;
  if (status >= 200 && status < 300) {
    if (strict !== undefined) return `answered ${status} to a body that does not decode (${strict.code} at offset ${strict.offset}, ${strict.path})`;
    const response = tryDecode(codecNamed(endpoint.response), answer.body, { rootName: endpoint.response });
    return response.ok ? undefined : `answered ${status} with a body that is no ${endpoint.response}: ${response.error.message}`;
  }
  if (status < 400) return `answered ${status}, neither a success nor a refusal`;
  const error = decodeErrorAnswer(endpoint.errorResponse, answer.body);
  if (!error.ok) return `answered ${status} with a body that is no ${endpoint.errorResponse} error (${error.problem})`;
  if (httpStatusOf(error.code as DSErrorCode) !== status) return `answered ${status} ${error.code}, whose status is ${httpStatusOf(error.code as DSErrorCode)} (profile §3)`;
  if (strict === undefined) return undefined;
  const leadingVersion = strict.code === 'unknown-enum' && strict.offset === 0 && /\.(version|protocol_version)$/.test(strict.path);
  if (leadingVersion && error.code !== 'unsupported_version' && error.code !== 'rate_limited') return `answered ${status} ${error.code} to a wrong leading DSProtocolVersion, not 400 unsupported_version`;
  // An empty GET body has no Content-Length on the wire (a client sends none), so 411 length_required is its answer (profile §10).
  const emptyGet = body.length === 0 && endpoint.method === 'GET' && error.code === 'length_required';
  if (!UNDECODABLE_CODES.includes(error.code) && !emptyGet) return `answered ${status} ${error.code} to a body that does not decode (${strict.code} at offset ${strict.offset}, ${strict.path}), not 400 decode_error`;
  return undefined;
}
