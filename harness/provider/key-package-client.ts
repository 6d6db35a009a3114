import { decode, DecodeError } from '../codec/index.js';
import { clientIdText, connectionKeyPackageResponse, groupKeyPackageResponse, type ClientId, type DSErrorCode, type UserId } from '../messages/index.js';
import { clientOfLeaf, isConnectionKeyPackage } from '../mls/index.js';
import type { StoredKeyPackage } from './directory.js';
import { ProviderError } from './provider-error.js';
import type { ProviderState } from './provider-state.js';
import { signedConnectionKeyPackageRequest, signedGroupKeyPackageRequest } from './signed-requests.js';

/** A peer refused a KeyPackage request or answered something the profile does not allow (§5). */
export class PeerRefusal extends Error {
  override readonly name = 'PeerRefusal';
  constructor(
    readonly peer: string,
    readonly status: number,
    /** The peer's DSError code, or `bad_answer` when its answer breaks profile §5. */
    readonly code: DSErrorCode | 'bad_answer',
    readonly detail: string,
  ) {
    super(`${peer} answered ${status} ${code}: ${detail}`);
  }
}

type KeyPackageAnswer = { response_body: { response_type: 'ok'; key_packages: StoredKeyPackage[] } | { response_type: 'error'; error: { code: DSErrorCode; message: string } } };

/** POSTs a signed request to a peer DS and reads its KeyPackage answer; a refusal is re-thrown with the peer's code. */
async function ask(dsDomain: string, path: string, body: Uint8Array, read: (bytes: Uint8Array) => KeyPackageAnswer): Promise<StoredKeyPackage[]> {
  const response = await fetch(`https://${dsDomain}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' }, redirect: 'manual' });
  const bytes = new Uint8Array(await response.arrayBuffer());
  let answer: KeyPackageAnswer;
  try {
    answer = read(bytes);
  } catch (error) {
    if (error instanceof DecodeError) throw new PeerRefusal(dsDomain, response.status, 'bad_answer', `an undecodable body: ${error.message}`);
    throw error;
  }
  if (answer.response_body.response_type === 'error') throw new PeerRefusal(dsDomain, response.status, answer.response_body.error.code, answer.response_body.error.message);
  if (response.status !== 200) throw new PeerRefusal(dsDomain, response.status, 'bad_answer', 'a KeyPackage answer with a non-200 status');
  return answer.response_body.key_packages;
}

/** A message_id from the live process only (a request begun before a restart stops here). */
function liveId(state: ProviderState, recipient: string): bigint {
  state.live();
  return state.outbox.allocateId(recipient);
}


/** Profile §5: one KeyPackage per requested client, in order, each of that client (and a connection one where asked). */
function checkKeyPackages(peer: string, keyPackages: readonly StoredKeyPackage[], clients: readonly ClientId[] | undefined, user: UserId, connection: boolean): StoredKeyPackage[] {
  if (clients !== undefined && keyPackages.length !== clients.length) throw new PeerRefusal(peer, 200, 'bad_answer', `${keyPackages.length} KeyPackages for ${clients.length} clients`);
  if (keyPackages.length === 0) throw new PeerRefusal(peer, 200, 'bad_answer', 'no KeyPackages');
  const seen = new Set<string>();
  keyPackages.forEach((kp, i) => {
    const owner = clientOfLeaf(kp.value.leafNode);
    const wanted = clients?.[i];
    if (owner === null || (wanted !== undefined ? clientIdText(owner) !== clientIdText(wanted) : owner.user.user_name !== user.user_name || owner.user.domain !== user.domain)) {
      throw new PeerRefusal(peer, 200, 'bad_answer', `KeyPackage ${i} is of ${owner === null ? 'no ClientID' : clientIdText(owner)}, not of the client asked for`);
    }
    if (seen.has(clientIdText(owner))) throw new PeerRefusal(peer, 200, 'bad_answer', `two KeyPackages of ${clientIdText(owner)}`);
    seen.add(clientIdText(owner));
    if (isConnectionKeyPackage(kp.value) !== connection) throw new PeerRefusal(peer, 200, 'bad_answer', `KeyPackage ${i} is ${connection ? 'not ' : ''}a connection KeyPackage`);
  });
  return [...keyPackages];
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
    message_id: liveId(state, recipient),
    requester,
    request: { client_identifiers: [...clients] },
  });
  const keyPackages = await ask(recipient, '/group_key_packages', body, (bytes) => decode(groupKeyPackageResponse, bytes, { rootName: 'GroupKeyPackageResponse' }));
  // Planted bug (defects.takesGroupKeyPackagesUnchecked): the answer used as it came, unchecked (profile §14).
  if (state.defects.takesGroupKeyPackagesUnchecked === true) return keyPackages;
  return checkKeyPackages(recipient, keyPackages, clients, requester, false);
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
    message_id: liveId(state, recipient),
    requester,
    request: { user_identifier: user },
  });
  const keyPackages = await ask(recipient, '/connection_key_packages', body, (bytes) => decode(connectionKeyPackageResponse, bytes, { rootName: 'ConnectionKeyPackageResponse' }));
  return checkKeyPackages(recipient, keyPackages, undefined, user, true);
}
