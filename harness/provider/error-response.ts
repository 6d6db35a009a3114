import { encode } from '../codec/index.js';
import { registryEntry, httpStatusOf, sanitizeErrorMessage, type DSErrorCode } from '../messages/index.js';

/** Response structs with an error variant; they share the shape `{protocol_version, response_body: {response_type: 'error', error}}`. */
export type ErrorCarrier = 'DSResponse' | 'QueueingServiceResponse' | 'DSFanoutResponse' | 'ConnectionKeyPackageResponse' | 'GroupKeyPackageResponse';

/**
 * An error answer per profile §10: the code's HTTP status and a
 * TLS-serialized error response of the endpoint's own type (DSResponse for
 * endpoints whose response struct has no error variant).
 *
 * @example
 * return dsErrorResponse('not_found', 'no endpoint /nope');
 * return dsErrorResponse('wrong_recipient', 'not us', {}, 'QueueingServiceResponse');
 */
export function dsErrorResponse(code: DSErrorCode, message: string, headers: Record<string, string> = {}, carrier: ErrorCarrier = 'DSResponse'): Response {
  const entry = registryEntry(carrier);
  if (entry === undefined) throw new Error(`${carrier} is not in the registry`);
  const body = encode(entry.codec, { protocol_version: 1, response_body: { response_type: 'error', error: { code, message: sanitizeErrorMessage(message) } } }, carrier);
  return new Response(body, { status: httpStatusOf(code), headers: { 'content-type': 'application/octet-stream', ...headers } });
}
