import { encode, type Codec } from '../../codec/index.js';
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

/** A signed provider-to-provider request frame (profile §5, §6). */
interface SignedFrame {
  readonly sender: string;
  readonly recipient: string;
  readonly message_id: bigint;
  readonly signature: Uint8Array;
}

/** The codecs and label of one signed request type. */
interface SignedRequestType<F extends SignedFrame> {
  readonly name: string;
  readonly codec: Codec<F>;
  readonly tbs: Codec<Omit<F, 'signature'>>;
  readonly label: string;
}

/**
 * The checks every signed provider-to-provider request passes, in the
 * profile's order (§6, §13): decoding, recipient first, then the sender's
 * signature with its verification key, then replay (an identical repeat
 * gets the first answer; a reused id is refused). `handle` runs only for a
 * new request, and its successful answer is remembered.
 */
async function signedRequest<F extends SignedFrame>(state: ProviderState, request: Request, context: RequestContext | undefined, type: SignedRequestType<F>, handle: (frame: F) => Uint8Array): Promise<Response> {
  const frame = await readBody(request, context, type.codec, type.name, state.maxBodyBytes);
  if (frame.recipient !== state.dsDomain) throw new ProviderError('wrong_recipient', `this is ${state.dsDomain}; the request is for ${frame.recipient}`);
  if (!(await state.verificationKeys.verify(frame.sender, type.label, encode(type.tbs, withoutSignature(frame)), frame.signature))) {
    throw new ProviderError('invalid_signature', `the signature of ${frame.sender} does not verify`);
  }
  const raw = encode(type.codec, frame);
  const repeat = state.replays.recall(frame.sender, frame.message_id, raw);
  if (repeat !== undefined) return repeat;
  return state.replays.remember(frame.sender, frame.message_id, raw, octets(handle(frame)));
}

function ownClients(state: ProviderState, clients: readonly ClientId[]): void {
  for (const client of clients) if (client.user.domain !== state.domain) throw new ProviderError('wrong_recipient', `${client.client_name}/${client.user.user_name}@${client.user.domain} is not a client of ${state.domain}`);
}

function take(state: ProviderState, clients: readonly ClientId[], kind: 'regular' | 'connection'): StoredKeyPackage[] {
  const taken = state.directory.takeKeyPackages(clients, kind);
  if (taken.ok) return taken.keyPackages;
  const name = `${taken.client.client_name}/${taken.client.user.user_name}@${taken.client.user.domain}`;
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
  const type = { name: 'GroupKeyPackageRequest', codec: groupKeyPackageRequest, tbs: groupKeyPackageRequestTbs, label: GROUP_KEY_PACKAGE_REQUEST_LABEL };
  return signedRequest(state, request, context, type, (frame) => {
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
  const type = { name: 'ConnectionKeyPackageRequest', codec: connectionKeyPackageRequest, tbs: connectionKeyPackageRequestTbs, label: CONNECTION_KEY_PACKAGE_REQUEST_LABEL };
  return signedRequest(state, request, context, type, (frame) => {
    const user = frame.request.user_identifier;
    if (user.domain !== state.domain) throw new ProviderError('wrong_recipient', `${user.user_name}@${user.domain} is not a user of ${state.domain}`);
    const clients = state.directory.clientsOf(user);
    if (clients.length === 0) throw new ProviderError('unknown_user', `no user ${user.user_name}@${user.domain}`);
    const keyPackages = take(state, clients, 'connection');
    return encode(connectionKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages: keyPackages } });
  });
}
