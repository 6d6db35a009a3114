import { encode } from '../../codec/index.js';
import { verificationKeyRequest, verificationKeyResponse } from '../../messages/index.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import { readBody, type RequestContext } from '../request-body.js';

/**
 * `GET /verification_key` (transport draft "Verification Key", profile §5):
 * the provider's verification key, after the forwarding check that the
 * request names this DS as its recipient (transport draft §1.1, profile §6).
 *
 * @example
 * const response = await verificationKeyEndpoint(state, request, context);
 */
export async function verificationKeyEndpoint(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const body = await readBody(request, context, verificationKeyRequest, 'VerificationKeyRequest', state.maxBodyBytes);
  if (body.recipient !== state.dsDomain) throw new ProviderError('wrong_recipient', `this is ${state.dsDomain}; the request is for ${body.recipient}`);
  const answer = encode(verificationKeyResponse, { protocol_version: 1, domain: state.dsDomain, signature_scheme: 'ed25519', verification_key: state.verificationKey.publicKey });
  return new Response(answer, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
}
