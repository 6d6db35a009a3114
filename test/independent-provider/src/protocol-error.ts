import { encode } from 'mimi-transport-harness/codec';
import { connectionKeyPackageResponse, dsResponse, groupKeyPackageResponse, httpStatusOf, queueingServiceResponse, sanitizeErrorMessage, type DSErrorCode } from 'mimi-transport-harness/messages';

/** The response struct that carries an endpoint's errors (profile §10): its own type where it has an error variant, else DSResponse. */
export type ErrorCarrier = 'DSResponse' | 'QueueingServiceResponse' | 'ConnectionKeyPackageResponse' | 'GroupKeyPackageResponse';

/**
 * A refusal with its profile error code (profile §3); turned into a response in one place, {@link errorAnswer}.
 *
 * @example
 * throw new ProtocolError('wrong_recipient', 'this is ds.indie.test');
 */
export class ProtocolError extends Error {
  override readonly name = 'ProtocolError';
  constructor(
    readonly code: DSErrorCode,
    message: string,
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
  }
}

/** A finished HTTP answer: status, headers and the TLS-serialized body. */
export interface Answer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Uint8Array;
}

/**
 * A 200 answer carrying a TLS-serialized struct (profile §10).
 *
 * @example
 * return ok(encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'ok' } }));
 */
export function ok(body: Uint8Array, headers: Readonly<Record<string, string>> = {}): Answer {
  return { status: 200, headers: { 'content-type': 'application/octet-stream', ...headers }, body };
}

function errorBody(carrier: ErrorCarrier, code: DSErrorCode, message: string): Uint8Array {
  const response_body = { response_type: 'error' as const, error: { code, message: sanitizeErrorMessage(message) } };
  switch (carrier) {
    case 'DSResponse':
      return encode(dsResponse, { protocol_version: 1, response_body });
    case 'QueueingServiceResponse':
      return encode(queueingServiceResponse, { protocol_version: 1, response_body });
    case 'ConnectionKeyPackageResponse':
      return encode(connectionKeyPackageResponse, { protocol_version: 1, response_body });
    case 'GroupKeyPackageResponse':
      return encode(groupKeyPackageResponse, { protocol_version: 1, response_body });
  }
}

/**
 * Any failure as the profile's error answer: the code's fixed HTTP status and the carrier's error variant (profile §3, §10).
 * Anything that is not a ProtocolError is a bug of this provider: `internal_error` (500).
 *
 * @example
 * const answer = errorAnswer(new ProtocolError('not_found', 'no /x'), 'DSResponse');
 */
export function errorAnswer(error: unknown, carrier: ErrorCarrier): Answer {
  const refusal = error instanceof ProtocolError ? error : new ProtocolError('internal_error', error instanceof Error ? `${error.name}: ${error.message}` : String(error));
  return { status: httpStatusOf(refusal.code), headers: { 'content-type': 'application/octet-stream', ...refusal.headers }, body: errorBody(carrier, refusal.code, refusal.message) };
}
