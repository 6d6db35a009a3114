import { encode } from '../../codec/index.js';
import {
  CONNECTION_KEY_PACKAGE_REQUEST_LABEL,
  connectionKeyPackageRequest,
  connectionKeyPackageRequestTbs,
  connectionKeyPackageResponse,
  GROUP_KEY_PACKAGE_REQUEST_LABEL,
  groupKeyPackageRequest,
  groupKeyPackageRequestTbs,
  groupKeyPackageResponse,
  type ClientId,
} from '../../messages/index.js';
import type { StoredKeyPackage } from '../directory.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import { readBody, type RequestContext } from '../request-body.js';

/** The signed part of a frame: every field but the signature (profile §7). */
function withoutSignature<T extends { signature: Uint8Array }>(frame: T): Omit<T, 'signature'> {
  const copy: Partial<T> = { ...frame };
  delete copy.signature;
  return copy as Omit<T, 'signature'>;
}

function octets(bytes: Uint8Array): Response {
  return new Response(bytes, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
}

/**
 * The checks every signed provider-to-provider request passes, in the
 * profile's order (§6): recipient first, then the sender's signature with
 * its verification key, then replay (§13).
 */
async function authenticate(state: ProviderState, frame: { sender: string; recipient: string; message_id: bigint; signature: Uint8Array }, label: string, tbs: Uint8Array): Promise<void> {
  if (frame.recipient !== state.dsDomain) throw new ProviderError('wrong_recipient', `this is ${state.dsDomain}; the request is for ${frame.recipient}`);
  if (!(await state.verificationKeys.verify(frame.sender, label, tbs, frame.signature))) throw new ProviderError('invalid_signature', `the signature of ${frame.sender} does not verify`);
}

function ownClients(state: ProviderState, clients: readonly ClientId[]): void {
  for (const client of clients) if (client.user.domain !== state.domain) throw new ProviderError('wrong_recipient', `${client.client_name}/${client.user.user_name}@${client.user.domain} is not a client of ${state.domain}`);
}

function refuseTake(result: { code: 'unknown_client' | 'no_key_packages'; client: ClientId }): never {
  const name = `${result.client.client_name}/${result.client.user.user_name}@${result.client.user.domain}`;
  throw new ProviderError(result.code, result.code === 'unknown_client' ? `no client ${name}` : `no KeyPackage left for ${name}`);
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
export async function groupKeyPackagesEndpoint(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const body = await readBody(request, context, groupKeyPackageRequest, 'GroupKeyPackageRequest', state.maxBodyBytes);
  await authenticate(state, body, GROUP_KEY_PACKAGE_REQUEST_LABEL, encode(groupKeyPackageRequestTbs, withoutSignature(body)));
  const raw = encode(groupKeyPackageRequest, body);
  const repeat = state.replays.recall(body.sender, body.message_id, raw);
  if (repeat !== undefined) return repeat;
  ownClients(state, body.request.client_identifiers);
  const taken = state.directory.takeKeyPackages(body.request.client_identifiers, 'regular');
  if (!taken.ok) refuseTake(taken);
  const answer = encode(groupKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages: taken.keyPackages } });
  return state.replays.remember(body.sender, body.message_id, raw, octets(answer));
}

/**
 * `POST /connection_key_packages` (transport draft "Connection KeyPackage
 * Retrieval", profile §5): one connection KeyPackage for every client of the user.
 *
 * @example
 * const response = await connectionKeyPackagesEndpoint(state, request, context);
 */
export async function connectionKeyPackagesEndpoint(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const body = await readBody(request, context, connectionKeyPackageRequest, 'ConnectionKeyPackageRequest', state.maxBodyBytes);
  await authenticate(state, body, CONNECTION_KEY_PACKAGE_REQUEST_LABEL, encode(connectionKeyPackageRequestTbs, withoutSignature(body)));
  const raw = encode(connectionKeyPackageRequest, body);
  const repeat = state.replays.recall(body.sender, body.message_id, raw);
  if (repeat !== undefined) return repeat;
  const user = body.request.user_identifier;
  if (user.domain !== state.domain) throw new ProviderError('wrong_recipient', `${user.user_name}@${user.domain} is not a user of ${state.domain}`);
  const clients = state.directory.clientsOf(user);
  if (clients.length === 0) throw new ProviderError('unknown_user', `no user ${user.user_name}@${user.domain}`);
  const taken = state.directory.takeKeyPackages(clients, 'connection');
  if (!taken.ok) refuseTake(taken);
  const keyPackages: StoredKeyPackage[] = taken.keyPackages;
  const answer = encode(connectionKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages: keyPackages } });
  return state.replays.remember(body.sender, body.message_id, raw, octets(answer));
}
