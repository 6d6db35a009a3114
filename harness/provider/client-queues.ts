import { clientIdText, type ClientId } from '../messages/index.js';
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


/**
 * Per-client queues of the provider's queueing service (transport draft
 * "Deliver Message"; profile §13): deduplicated per client by
 * (sender, message_id), in arrival order, and kept in the provider's
 * durable state so they survive a restart. How a client fetches its queue
 * is outside the drafts; here it is {@link ClientQueues.take}.
 */
export interface ClientQueues {
  /** Appends `message` unless this client already has (sender, message_id); returns whether it was new. */
  deliver(client: ClientId, message: QueuedMessage): boolean;
  /** Removes and returns everything queued for `client`. */
  take(client: ClientId): QueuedMessage[];
  /** What is queued for `client`, left in place. */
  peek(client: ClientId): readonly QueuedMessage[];
  /** How many messages were ever accepted (duplicates not counted). */
  readonly accepted: number;
}

/** How long a (sender, message_id) is remembered for deduplication: the replay window of profile §13. */
export const DEDUP_MEMORY_MS = 24 * 60 * 60 * 1000;

/** @example const queues = createClientQueues(clock); queues.deliver(bob, message); */
export function createClientQueues(clock: { now(): number }): ClientQueues {
  const queues = new Map<string, QueuedMessage[]>();
  /** Per client, (sender, message_id) → when it was accepted, oldest first. */
  const seen = new Map<string, Map<string, number>>();
  const forgetOld = (ids: Map<string, number>, now: number) => {
    for (const [id, at] of ids) {
      if (now - at < DEDUP_MEMORY_MS) break;
      ids.delete(id);
    }
  };
  let accepted = 0;
  return {
    deliver(client, message) {
      const key = clientIdText(client);
      const ids = seen.get(key) ?? new Map<string, number>();
      const id = `${message.sender}|${message.messageId}`;
      const now = clock.now();
      forgetOld(ids, now);
      if (ids.has(id)) return false;
      ids.set(id, now);
      seen.set(key, ids);
      const queue = queues.get(key) ?? [];
      queue.push(message);
      queues.set(key, queue);
      accepted += 1;
      return true;
    },
    take(client) {
      const key = clientIdText(client);
      const queue = queues.get(key) ?? [];
      queues.delete(key);
      return queue;
    },
    peek: (client) => queues.get(clientIdText(client)) ?? [],
    get accepted() {
      return accepted;
    },
  };
}
