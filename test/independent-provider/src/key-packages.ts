import { encode } from 'mimi-transport-harness/codec';
import {
  clientIdText,
  CONNECTION_KEY_PACKAGE_REQUEST_LABEL,
  connectionKeyPackageRequest,
  connectionKeyPackageRequestTbs,
  connectionKeyPackageResponse,
  GROUP_KEY_PACKAGE_REQUEST_LABEL,
  groupKeyPackageRequest,
  groupKeyPackageRequestTbs,
  groupKeyPackageResponse,
  userIdText,
  type ClientId,
  type UserId,
} from 'mimi-transport-harness/messages';
import type { ProviderContext } from './context.js';
import type { KeyPackageKind, PublishedKeyPackage } from './directory.js';
import { ProtocolError, type Answer } from './protocol-error.js';
import { decodeRequest } from './read-body.js';
import { signedRequest } from './signed-request.js';

/** Profile §5: the requester belongs to the sending provider: discovery of its domain gives `sender` (`unauthorized`). */
async function requesterOfSender(ctx: ProviderContext, sender: string, requester: UserId): Promise<void> {
  let dsDomain: string;
  try {
    dsDomain = await ctx.discovery.dsDomainOf(requester.domain);
  } catch (error) {
    throw new ProtocolError('unauthorized', `cannot tell whether ${userIdText(requester)} belongs to ${sender}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (dsDomain !== sender) throw new ProtocolError('unauthorized', `${userIdText(requester)} belongs to ${dsDomain}, not to the sender ${sender} (profile §5)`);
}

/**
 * `POST /group_key_packages` (transport draft "Group KeyPackage Retrieval", profile §5, §6, §13): signed by the
 * asking DS, for one of its users; one regular KeyPackage per requested client, in order.
 *
 * @example
 * const answer = await groupKeyPackages(ctx, bytes);
 */
export async function groupKeyPackages(ctx: ProviderContext, bytes: Uint8Array): Promise<Answer> {
  const body = decodeRequest(groupKeyPackageRequest, 'GroupKeyPackageRequest', bytes);
  return signedRequest(ctx, groupKeyPackageRequest, body, body, groupKeyPackageRequestTbs, () => GROUP_KEY_PACKAGE_REQUEST_LABEL, async () => {
    await requesterOfSender(ctx, body.sender, body.requester);
    const key_packages = ctx.directory.take(body.request.client_identifiers, 'regular');
    return encode(groupKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages } });
  });
}

/**
 * `POST /connection_key_packages` (transport draft "Connection KeyPackage Retrieval", profile §5): one connection
 * KeyPackage for each client of the requested user.
 *
 * @example
 * const answer = await connectionKeyPackages(ctx, bytes);
 */
export async function connectionKeyPackages(ctx: ProviderContext, bytes: Uint8Array): Promise<Answer> {
  const body = decodeRequest(connectionKeyPackageRequest, 'ConnectionKeyPackageRequest', bytes);
  return signedRequest(ctx, connectionKeyPackageRequest, body, body, connectionKeyPackageRequestTbs, () => CONNECTION_KEY_PACKAGE_REQUEST_LABEL, async () => {
    await requesterOfSender(ctx, body.sender, body.requester);
    const key_packages = ctx.directory.take(ctx.directory.clientsOf(body.request.user_identifier), 'connection');
    return encode(connectionKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages } });
  });
}

/** Anonymous retrievals may use up 10 KeyPackages per (client, kind) at once, one more per 6 minutes (profile §14 "KeyPackage budgets"). */
const BUDGET = { burst: 10, perMs: 1 / 360_000 };

/**
 * The anonymous `ds_key_packages` / `ds_connection_key_packages` on /group_operation (DS draft "Fetch KeyPackages",
 * profile §8, §14): as the signed paths, within a budget per client and kind; past it the client's last-resort
 * KeyPackage is handed out instead, or, without one, `rate_limited`. A refused request spends nothing.
 *
 * @example
 * const keyPackages = createAnonymousBudget().take(ctx, clients, 'regular');
 */
export function createAnonymousBudget() {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const tokensOf = (key: string, now: number) => {
    const bucket = buckets.get(key);
    return bucket === undefined ? BUDGET.burst : Math.min(BUDGET.burst, bucket.tokens + (now - bucket.at) * BUDGET.perMs);
  };
  return {
    take(ctx: ProviderContext, clients: readonly ClientId[], kind: KeyPackageKind): PublishedKeyPackage[] {
      const now = Date.now();
      const wanted = new Map<string, number>();
      for (const client of clients) {
        ctx.directory.require(client);
        const key = `${kind}|${clientIdText(client)}`;
        wanted.set(key, (wanted.get(key) ?? 0) + 1);
      }
      const overBudget = new Set([...wanted].filter(([key, count]) => tokensOf(key, now) < count).map(([key]) => key));
      const keyPackages = ctx.directory.take(clients, kind, (client) => overBudget.has(`${kind}|${clientIdText(client)}`));
      for (const [key, count] of wanted) if (!overBudget.has(key)) buckets.set(key, { tokens: tokensOf(key, now) - count, at: now });
      return keyPackages;
    },
  };
}
