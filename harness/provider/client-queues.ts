/** A message waiting in a client's queue at its provider's QS. */
export interface QueuedMessage {
  /** The DS domain that delivered it (the own DS domain for groups it owns). */
  readonly sender: string;
  readonly messageId: bigint;
  /** How it arrived: a group message, or a connection request (profile §5). */
  readonly kind: 'deliver_message' | 'connection_request';
  /** The MLSMessage bytes, as the owning DS sent them. */
  readonly message: Uint8Array;
}

const clientKey = (client: { readonly user: { readonly user_name: string; readonly domain: string }; readonly client_name: string }): string => `${client.client_name}/${client.user.user_name}@${client.user.domain}`;

/**
 * Per-client queues of the provider's queueing service (transport draft
 * "Deliver Message"; profile §13): deduplicated per client by
 * (sender, message_id), in arrival order, and kept in the provider's
 * durable state so they survive a restart. How a client fetches its queue
 * is outside the drafts; here it is {@link ClientQueues.take}.
 */
export interface ClientQueues {
  /** Appends `message` unless this client already has (sender, message_id); returns whether it was new. */
  deliver(client: Parameters<typeof clientKey>[0], message: QueuedMessage): boolean;
  /** Removes and returns everything queued for `client`. */
  take(client: Parameters<typeof clientKey>[0]): QueuedMessage[];
  /** What is queued for `client`, left in place. */
  peek(client: Parameters<typeof clientKey>[0]): readonly QueuedMessage[];
  /** How many messages were ever accepted (duplicates not counted). */
  readonly accepted: number;
}

/** @example const queues = createClientQueues(); queues.deliver(bob, message); */
export function createClientQueues(): ClientQueues {
  const queues = new Map<string, QueuedMessage[]>();
  const seen = new Map<string, Set<string>>();
  let accepted = 0;
  return {
    deliver(client, message) {
      const key = clientKey(client);
      const ids = seen.get(key) ?? new Set<string>();
      const id = `${message.sender}|${message.messageId}`;
      if (ids.has(id)) return false;
      ids.add(id);
      seen.set(key, ids);
      const queue = queues.get(key) ?? [];
      queue.push(message);
      queues.set(key, queue);
      accepted += 1;
      return true;
    },
    take(client) {
      const key = clientKey(client);
      const queue = queues.get(key) ?? [];
      queues.delete(key);
      return queue;
    },
    peek: (client) => queues.get(clientKey(client)) ?? [],
    get accepted() {
      return accepted;
    },
  };
}
