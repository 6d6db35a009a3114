import { decode, DecodeError } from '../codec/index.js';
import { connectionKeyPackageResponse, groupKeyPackageResponse, type ClientId, type UserId } from '../messages/index.js';
import type { StoredKeyPackage } from './directory.js';
import { ProviderError } from './provider-error.js';
import type { ProviderState } from './provider-state.js';
import { signedConnectionKeyPackageRequest, signedGroupKeyPackageRequest } from './signed-requests.js';

type KeyPackageAnswer = { response_body: { response_type: 'ok'; key_packages: StoredKeyPackage[] } | { response_type: 'error'; error: { code: ProviderError['code']; message: string } } };

/** POSTs a signed request to a peer DS and reads its KeyPackage answer; a refusal is re-thrown with the peer's code. */
async function ask(dsDomain: string, path: string, body: Uint8Array, read: (bytes: Uint8Array) => KeyPackageAnswer): Promise<StoredKeyPackage[]> {
  const response = await fetch(`https://${dsDomain}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } });
  const bytes = new Uint8Array(await response.arrayBuffer());
  let answer: KeyPackageAnswer;
  try {
    answer = read(bytes);
  } catch (error) {
    if (error instanceof DecodeError) throw new ProviderError('decode_error', `${dsDomain}${path} answered ${response.status} with an undecodable body: ${error.message}`);
    throw error;
  }
  if (answer.response_body.response_type === 'error') throw new ProviderError(answer.response_body.error.code, `${dsDomain}${path} refused: ${answer.response_body.error.message}`);
  return answer.response_body.key_packages;
}

/**
 * Fetches one KeyPackage per client from the clients' provider (profile §5),
 * signed by this provider on behalf of `requester`, one of its users.
 *
 * @example
 * const [kp] = await requestGroupKeyPackages(state, alice.user, [bobPhone]);
 */
export async function requestGroupKeyPackages(state: ProviderState, requester: UserId, clients: readonly ClientId[]): Promise<StoredKeyPackage[]> {
  const domains = new Set(clients.map((c) => c.user.domain));
  const [domain] = domains;
  if (domain === undefined || domains.size !== 1) throw new ProviderError('invalid_request', 'KeyPackages are requested from one provider at a time');
  const recipient = await state.discovery.discover(domain);
  const body = await signedGroupKeyPackageRequest(state.verificationKey.signKey, {
    protocol_version: 1,
    sender: state.dsDomain,
    recipient,
    message_id: state.outbox.allocateId(recipient),
    requester,
    request: { client_identifiers: [...clients] },
  });
  return ask(recipient, '/group_key_packages', body, (bytes) => decode(groupKeyPackageResponse, bytes, { rootName: 'GroupKeyPackageResponse' }));
}

/**
 * Fetches connection KeyPackages of every client of `user` from its provider (profile §5).
 *
 * @example
 * const kps = await requestConnectionKeyPackages(state, alice.user, bob);
 */
export async function requestConnectionKeyPackages(state: ProviderState, requester: UserId, user: UserId): Promise<StoredKeyPackage[]> {
  const recipient = await state.discovery.discover(user.domain);
  const body = await signedConnectionKeyPackageRequest(state.verificationKey.signKey, {
    protocol_version: 1,
    sender: state.dsDomain,
    recipient,
    message_id: state.outbox.allocateId(recipient),
    requester,
    request: { user_identifier: user },
  });
  return ask(recipient, '/connection_key_packages', body, (bytes) => decode(connectionKeyPackageResponse, bytes, { rootName: 'ConnectionKeyPackageResponse' }));
}
