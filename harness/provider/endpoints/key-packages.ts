import { encode, tryDecode } from '../../codec/index.js';
import { DiscoveryError } from '../../discovery/index.js';
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
  // Planted bug (defects.skipRequesterCheck): one provider may then ask on behalf of another provider's users.
  if (state.defects.skipRequesterCheck === true) return;
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
  // Planted bug (ProviderDefects.noLastResortKeyPackage): a last-resort KeyPackage (one not consumed) is refused instead of handed out.
  if (taken.ok && state.defects.noLastResortKeyPackage === true && taken.consumed.length < taken.keyPackages.length) throw new ProviderError('no_key_packages', 'no regular KeyPackage left');
  if (taken.ok) return taken.keyPackages;
  const name = clientIdText(taken.client);
  throw new ProviderError(taken.code, taken.code === 'unknown_client' ? `no client ${name}` : `no KeyPackage left for ${name}`);
}

/**
 * KeyPackages for an anonymous request on `/group_operation`
 * (`ds_key_packages`, `ds_connection_key_packages`): as {@link take}, but
 * each client's KeyPackages of `kind` are used up only within its budget
 * (`key_package`, profile §14), since anyone can ask (DS draft §7.13: retrieval
 * SHOULD be authorized). Past the budget the client's last-resort KeyPackage
 * of that kind is handed out, not used up; a client without one gets
 * `rate_limited` with Retry-After. A refusal uses up nothing and spends no budget.
 *
 * @example
 * const keyPackages = takeAnonymous(state, clients, 'regular');
 */
export function takeAnonymous(state: ProviderState, clients: readonly ClientId[], kind: 'regular' | 'connection'): StoredKeyPackage[] {
  const budgetKey = (client: ClientId) => `${kind}|${clientIdText(client)}`;
  const left = new Map<string, number>();
  const overBudget = new Set<string>();
  // Called by the directory only for a client that still has a KeyPackage to use up.
  const lastResortOnly = (client: ClientId): boolean => {
    // Planted bug (defects.noKeyPackageBudget): anonymous requests use up KeyPackages without a budget (profile §14).
    if (state.defects.noKeyPackageBudget === true) return false;
    const key = budgetKey(client);
    const tokens = left.get(key) ?? state.limiter.peek('/group_operation', 'key_package', key).tokens;
    left.set(key, tokens - 1);
    if (tokens >= 1) return false;
    overBudget.add(key);
    return true;
  };
  state.live();
  const taken = state.directory.takeKeyPackages(clients, kind, lastResortOnly);
  if (!taken.ok) {
    const name = clientIdText(taken.client);
    if (taken.code === 'no_key_packages' && overBudget.has(budgetKey(taken.client))) {
      const { retryAfter } = state.limiter.peek('/group_operation', 'key_package', budgetKey(taken.client));
      throw new ProviderError('rate_limited', `anonymous requests used up the ${kind} KeyPackages of ${name} allowed for now, and it has no last-resort one (profile §14)`, { 'retry-after': String(retryAfter) });
    }
    throw new ProviderError(taken.code, taken.code === 'unknown_client' ? `no client ${name}` : `no KeyPackage left for ${name}`);
  }
  if (state.defects.noKeyPackageBudget !== true) for (const client of taken.consumed) state.limiter.take('/group_operation', 'key_package', budgetKey(client));
  return taken.keyPackages;
}

/** The planted bug's half-applied step: a regular KeyPackage of each named own client used up. */
function consumeNamed(state: ProviderState, body: Uint8Array): void {
  const decoded = tryDecode(groupKeyPackageRequest, body);
  if (!decoded.ok) return;
  const own = decoded.value.request.client_identifiers.filter((client) => client.user.domain === state.domain);
  for (const client of own) state.directory.takeKeyPackages([client], 'regular');
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
  // Planted bug (defects.consumesKeyPackagesOfRefused): a refused request that decodes still uses up the KeyPackages it names.
  const body = state.defects.consumesKeyPackagesOfRefused === true ? new Uint8Array(await request.clone().arrayBuffer()) : undefined;
  const type = { name: 'GroupKeyPackageRequest', codec: groupKeyPackageRequest, frameOf: same, tbs: groupKeyPackageRequestTbs, labelOf: () => GROUP_KEY_PACKAGE_REQUEST_LABEL };
  const answer = signedRequest(state, request, context, type, async (frame) => {
    await requesterBelongsToSender(state, frame);
    ownClients(state, frame.request.client_identifiers);
    const keyPackages = take(state, frame.request.client_identifiers, 'regular');
    return encode(groupKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages: keyPackages } });
  });
  if (body === undefined) return answer;
  try {
    return await answer;
  } catch (error) {
    consumeNamed(state, body);
    throw error;
  }
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
