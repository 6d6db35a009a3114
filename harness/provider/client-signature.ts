import { encode } from '../codec/index.js';
import { CLIENT_SIGNATURE_LABEL, clientSignatureTbs, type DSRequest } from '../messages/index.js';
import { signWithLabel, verifyWithLabel } from '../mls/index.js';
import { ProviderError } from './provider-error.js';

/**
 * Checks a DSRequest's ClientSignature (DS draft "Client to server requests",
 * profile §7, §8): SignWithLabel("MIMI ClientSignatureTBS") over
 * {version, request_body, sender_index} with the given leaf's key.
 *
 * @example
 * await checkClientSignature(request, leafKey, 0);
 */
export async function checkClientSignature(request: DSRequest, signatureKey: Uint8Array, expectedIndex: number): Promise<void> {
  const auth = request.authentication_data;
  if (auth.auth_type !== 'client_signature') throw new ProviderError('unauthorized', `${request.request_body.request_type} needs a client signature (profile §8)`);
  if (auth.sender_index !== expectedIndex) throw new ProviderError('unauthorized', `sender_index ${auth.sender_index}, expected ${expectedIndex}`);
  const tbs = encode(clientSignatureTbs, { protocol_version: 1, request_body: request.request_body, sender_index: auth.sender_index });
  if (!(await verifyWithLabel(signatureKey, CLIENT_SIGNATURE_LABEL, tbs, auth.signature))) throw new ProviderError('invalid_signature', 'the client signature does not verify');
}

/**
 * A DSRequest signed by a client (what a virtual client sends).
 *
 * @example
 * const bytes = await signedDsRequest(alice.signatureKeyPair.signKey, body, 0);
 */
export async function signedDsRequest(signKey: Uint8Array, requestBody: DSRequest['request_body'], senderIndex: number): Promise<DSRequest> {
  const tbs = encode(clientSignatureTbs, { protocol_version: 1, request_body: requestBody, sender_index: senderIndex });
  return { version: 1, request_body: requestBody, authentication_data: { auth_type: 'client_signature', sender_index: senderIndex, signature: await signWithLabel(signKey, CLIENT_SIGNATURE_LABEL, tbs) } };
}
