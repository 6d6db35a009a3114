import type { keyPackage, ValueOf } from 'mimi-transport-harness/codec';
import { clientIdText, userIdText, type ClientId, type UserId } from 'mimi-transport-harness/messages';
import { ProtocolError } from './protocol-error.js';

/** A published KeyPackage, as the codec carries it (its exact bytes and the decoded value). */
export type PublishedKeyPackage = ValueOf<typeof keyPackage>;

/** The two kinds of KeyPackage a client publishes (profile §5, §12). */
export type KeyPackageKind = 'regular' | 'connection';

/** One message in a client's queue at this provider's QS. */
export interface Queued {
  readonly sender: string;
  readonly messageId: bigint;
  readonly kind: 'deliver_message' | 'connection_request';
  readonly message: Uint8Array;
}

interface HostedClient {
  readonly id: ClientId;
  readonly keyPackages: Record<KeyPackageKind, PublishedKeyPackage[]>;
  readonly lastResort: Partial<Record<KeyPackageKind, PublishedKeyPackage>>;
  readonly queue: Queued[];
  readonly seen: Set<string>;
}

/**
 * This provider's own clients: their published KeyPackages and their queues (DS draft "Clients and users").
 *
 * @example
 * const directory = createDirectory('indie.test');
 * directory.replace(bob, { regular: [kp], connection: [ckp] }, {});
 */
export function createDirectory(domain: string) {
  const clients = new Map<string, HostedClient>();
  function own(client: ClientId): HostedClient {
    if (client.user.domain !== domain) throw new ProtocolError('wrong_recipient', `${clientIdText(client)} is not a client of ${domain}`);
    const found = clients.get(clientIdText(client));
    if (found === undefined) throw new ProtocolError('unknown_client', `no client ${clientIdText(client)}`);
    return found;
  }
  return {
    /** A client (re)created: an earlier client of that ClientID is forgotten, KeyPackages and queue included (docs/ADAPTER.md). */
    replace(id: ClientId, keyPackages: Record<KeyPackageKind, PublishedKeyPackage[]>, lastResort: Partial<Record<KeyPackageKind, PublishedKeyPackage>>): void {
      clients.set(clientIdText(id), { id, keyPackages, lastResort, queue: [], seen: new Set() });
    },
    has(client: ClientId): boolean {
      return clients.has(clientIdText(client));
    },
    /** Checks the client is one of ours (wrong_recipient, unknown_client). */
    require(client: ClientId): void {
      own(client);
    },
    /** Every client of one of our users (unknown_user when it has none). */
    clientsOf(user: UserId): ClientId[] {
      if (user.domain !== domain) throw new ProtocolError('wrong_recipient', `${userIdText(user)} is not a user of ${domain}`);
      const found = [...clients.values()].filter((c) => userIdText(c.id.user) === userIdText(user)).map((c) => c.id);
      if (found.length === 0) throw new ProtocolError('unknown_user', `no user ${userIdText(user)}`);
      return found;
    },
    /**
     * One KeyPackage per client, in order, used up unless it is the last-resort one (profile §5); all or nothing:
     * a client with none at all fails the whole request with `no_key_packages` and nothing is used up. A client for
     * which `lastResortOnly` holds (an exhausted budget, profile §14) gets only its last-resort one, or `rate_limited`.
     */
    take(requested: readonly ClientId[], kind: KeyPackageKind, lastResortOnly: (client: ClientId) => boolean = () => false): PublishedKeyPackage[] {
      const hosted = requested.map(own);
      const used = new Map<HostedClient, number>();
      const plan = hosted.map((client) => {
        const index = used.get(client) ?? 0;
        const fresh = client.keyPackages[kind][index];
        const fallback = client.lastResort[kind];
        if (fresh !== undefined && !lastResortOnly(client.id)) {
          used.set(client, index + 1);
          return fresh;
        }
        if (fallback !== undefined) return fallback;
        if (fresh !== undefined) throw new ProtocolError('rate_limited', `anonymous requests used up the ${kind} KeyPackages of ${clientIdText(client.id)} allowed for now, and it has no last-resort one (profile §14)`, { 'retry-after': '360' });
        throw new ProtocolError('no_key_packages', `${clientIdText(client.id)} has no ${kind} KeyPackage left`);
      });
      for (const [client, count] of used) client.keyPackages[kind].splice(0, count);
      return plan;
    },
    /** Puts a message in a client's queue once per `(sender, message_id)` (profile §13), keeping the order of arrival. */
    deliver(client: ClientId, entry: Queued): void {
      const hosted = own(client);
      const key = `${entry.sender}|${entry.messageId}`;
      if (hosted.seen.has(key)) return;
      hosted.seen.add(key);
      hosted.queue.push(entry);
    },
    /** Takes everything queued for a client. */
    drain(client: ClientId): Queued[] {
      const hosted = own(client);
      return hosted.queue.splice(0, hosted.queue.length);
    },
  };
}

/** The directory of {@link createDirectory}. */
export type Directory = ReturnType<typeof createDirectory>;
