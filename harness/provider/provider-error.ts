import type { DSErrorCode } from '../messages/index.js';
import { dsErrorResponse, type ErrorCarrier } from './error-response.js';

/**
 * The one way an endpoint refuses a request: a DSError code (which fixes
 * the HTTP status, profile §10) and a message. It becomes a Response in
 * exactly one place, {@link errorToResponse}.
 *
 * @example
 * throw new ProviderError('wrong_recipient', `this is ${own}, not ${recipient}`);
 */
export class ProviderError extends Error {
  override readonly name = 'ProviderError';
  constructor(
    readonly code: DSErrorCode,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

/**
 * Turns anything an endpoint threw into the profile's error answer. A
 * ProviderError keeps its code; anything else is a bug of the provider
 * (internal_error, 500) and is reported as such rather than hidden.
 */
export function errorToResponse(error: unknown, carrier: ErrorCarrier): Response {
  if (error instanceof ProviderError) return dsErrorResponse(error.code, error.message, error.headers, carrier);
  return dsErrorResponse('internal_error', `the provider failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, {}, carrier);
}
