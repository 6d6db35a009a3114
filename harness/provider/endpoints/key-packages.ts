import { encode } from '../../codec/index.js';
import { DiscoveryError } from '../discovery-client.js';
import { signedRequest } from '../signed-request-flow.js';
import {
  CONNECTION_KEY_PACKAGE_REQUEST_LABEL,
  connectionKeyPackageRequest,
  connectionKeyPackageRequestTbs,
  connectionKeyPackageResponse,
  GROUP_KEY_PACKAGE_REQUEST_LABEL,
  groupKeyPackageRequest,
  groupKeyPackageRequestTbs,
  groupKeyPackageResponse,
  clientIdText,
  type ClientId,
  type UserId,
} from '../../messages/index.js';
import type { StoredKeyPackage } from '../directory.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import type { RequestContext } from '../request-body.js';

const same = <T>(body: T): T => body;

/**
 * Profile §5: the requester must belong to the sending provider, that is,
 * discovery of its domain gives the sender; otherwise `unauthorized`.
 */
async function requesterBelongsToSender(state: ProviderState, frame: { readonly sender: string; readonly requester: UserId }): Promise<void> {
  let dsDomain: string;
  try {
    dsDomain = await state.discovery.discover(frame.requester.domain);
  } catch (error) {
    if (error instanceof DiscoveryError) throw new ProviderError('unauthorized', `cannot tell whether ${frame.requester.user_name}@${frame.requester.domain} belongs to ${frame.sender}: ${error.message}`);
    throw error;
  }
  if (dsDomain !== frame.sender) throw new ProviderError('unauthorized', `${frame.requester.user_name}@${frame.requester.domain} belongs to ${dsDomain}, not to the sender ${frame.sender} (profile §5)`);
}

/** Every client of one of this provider's users (`wrong_recipient` for another provider's user, `unknown_user` if none). */
export function clientsOfUser(state: ProviderState, user: UserId): ClientId[] {
  if (user.domain !== state.domain) throw new ProviderError('wrong_recipient', `${user.user_name}@${user.domain} is not a user of ${state.domain}`);
  const clients = state.directory.clientsOf(user);
  if (clients.length === 0) throw new ProviderError('unknown_user', `no user ${user.user_name}@${user.domain}`);
  return clients;
}

export function ownClients(state: ProviderState, clients: readonly ClientId[]): void {
  for (const client of clients) if (client.user.domain !== state.domain) throw new ProviderError('wrong_recipient', `${clientIdText(client)} is not a client of ${state.domain}`);
}

export function take(state: ProviderState, clients: readonly ClientId[], kind: 'regular' | 'connection'): StoredKeyPackage[] {
  state.live();
  const taken = state.directory.takeKeyPackages(clients, kind);
  if (taken.ok) return taken.keyPackages;
  const name = clientIdText(taken.client);
  throw new ProviderError(taken.code, taken.code === 'unknown_client' ? `no client ${name}` : `no KeyPackage left for ${name}`);
}

/**
 * `POST /group_key_packages` (transport draft "Group KeyPackage Retrieval",
 * profile §5): one KeyPackage per requested client, in order; regular ones
 * are consumed, a last-resort one is handed out without being consumed;
 * if any client has none, the whole request fails and nothing is consumed.
 *
 * @example
 * const response = await groupKeyPackagesEndpoint(state, request, context);
 */
export function groupKeyPackagesEndpoint(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const type = { name: 'GroupKeyPackageRequest', codec: groupKeyPackageRequest, frameOf: same, tbs: groupKeyPackageRequestTbs, labelOf: () => GROUP_KEY_PACKAGE_REQUEST_LABEL };
  return signedRequest(state, request, context, type, async (frame) => {
    await requesterBelongsToSender(state, frame);
    ownClients(state, frame.request.client_identifiers);
    const keyPackages = take(state, frame.request.client_identifiers, 'regular');
    return encode(groupKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages: keyPackages } });
  });
}

/**
 * `POST /connection_key_packages` (transport draft "Connection KeyPackage
 * Retrieval", profile §5): one connection KeyPackage for every client of the user.
 *
 * @example
 * const response = await connectionKeyPackagesEndpoint(state, request, context);
 */
export function connectionKeyPackagesEndpoint(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const type = { name: 'ConnectionKeyPackageRequest', codec: connectionKeyPackageRequest, frameOf: same, tbs: connectionKeyPackageRequestTbs, labelOf: () => CONNECTION_KEY_PACKAGE_REQUEST_LABEL };
  return signedRequest(state, request, context, type, async (frame) => {
    await requesterBelongsToSender(state, frame);
    const keyPackages = take(state, clientsOfUser(state, frame.request.user_identifier), 'connection');
    return encode(connectionKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages: keyPackages } });
  });
}
