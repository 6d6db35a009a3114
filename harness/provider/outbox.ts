import type { mlsMessage, ValueOf } from '../codec/index.js';
import type { ClientId } from '../messages/index.js';
import type { ProviderClock } from './clock.js';
import type { ProviderDefects } from './defects.js';

/** The signed request an entry became on its first attempt; retries resend exactly these bytes (profile §13). */
export interface PreparedDelivery {
  readonly dsDomain: string;
  readonly path: '/deliver_message' | '/connection_request';
  readonly messageId: bigint;
  readonly body: Uint8Array;
  /** The verification key the body was signed with; after a rotation the entry is signed again. */
  readonly signedWith: Uint8Array;
}

/**
 * One delivery waiting for a guest provider. It names the provider domain;
 * the guest's DS domain is discovered, and the request signed, when it is
 * first sent, so a guest that cannot be reached now delays its own messages
 * and nothing else.
 */
export interface OutboxEntry {
  /** The guest's provider domain (the queue it waits in). */
  readonly destination: string;
  readonly kind: 'deliver_message' | 'connection_request';
  readonly recipients: readonly ClientId[];
  readonly message: ValueOf<typeof mlsMessage>;
  prepared?: PreparedDelivery;
}

/** What the outbox keeps on the provider's "disk": it survives a restart. */
export interface OutboxStore {
  /** Pending entries per guest provider domain, in the order they must arrive. */
  readonly queues: Map<string, OutboxEntry[]>;
  /** The next message_id per destination: unique per (sender, recipient) (profile §13). */
  readonly nextMessageId: Map<string, bigint>;
  /** The first message_id to every destination (default 1). */
  readonly firstMessageId: bigint;
  delivered: number;
  /** Entries given up: the guest answered a final status (not 2xx, 429 or 5xx), or sending failed other than by the network (status 0). */
  readonly refused: { readonly entry: OutboxEntry; readonly status: number }[];
}

/** @example const store = createOutboxStore(); */
export function createOutboxStore(firstMessageId = 1n): OutboxStore {
  return { queues: new Map(), nextMessageId: new Map(), firstMessageId, delivered: 0, refused: [] };
}

/** How many given-up entries the store keeps for inspection (the oldest go first). */
export const MAX_REFUSED_KEPT = 1_000;

/** Retry delays on the provider's clock: 500 ms doubling up to 30 s, without jitter so that runs replay exactly. */
export const OUTBOX_BACKOFF = { firstMs: 500, maxMs: 30_000 } as const;

/** The running half of the outbox: one worker per destination, stopped by a crash. */
export interface Outbox {
  /** A fresh message_id for a request to `dsDomain`. */
  allocateId(dsDomain: string): bigint;
  push(entry: OutboxEntry): void;
  /** Starts a worker for every destination with pending entries (after a restart). */
  resume(): void;
  /** Stops every worker (a crash); pending entries stay in the store. */
  stop(): void;
  /** Resolves once nothing is pending anywhere (or the outbox was stopped). */
  settled(): Promise<void>;
  pending(): number;
}

/** How the outbox sends one entry (preparing it on the first attempt): resolves with the HTTP status, rejects on a failure. */
export type OutboxPost = (entry: OutboxEntry) => Promise<number>;

/**
 * What the outbox does with an answer: 2xx delivered; 429 and 5xx retried;
 * 409 (duplicate_message_id, the only 409 a QS sends) means the guest has
 * already processed this message_id, which only this provider uses towards
 * it, so it counts as delivered; any other status is final.
 */
function outcomeOf(status: number): 'delivered' | 'retry' | 'refused' {
  if ((status >= 200 && status < 300) || status === 409) return 'delivered';
  return status === 429 || status >= 500 ? 'retry' : 'refused';
}

/**
 * The DS's durable fan-out queue (issue 5 §3): entries go to each guest
 * provider strictly in order, so a group's messages arrive in order; a
 * transient failure (network, discovery, 429 or 5xx) is retried with
 * backoff on the clock until it goes through, and a repeat after a lost answer is harmless because the
 * guest deduplicates by message_id (profile §13).
 *
 * @example
 * const outbox = createOutbox(store, { clock, spawn, post, transient: (e) => e instanceof TypeError });
 */
export function createOutbox(store: OutboxStore, runtime: { readonly clock: ProviderClock; readonly spawn: (task: () => Promise<void>) => void; readonly post: OutboxPost; readonly transient: (error: unknown) => boolean; readonly defects?: ProviderDefects }): Outbox {
  const running = new Set<string>();
  let stopped = false;
  let waiters: (() => void)[] = [];
  const pendingCount = () => [...store.queues.values()].reduce((n, q) => n + q.length, 0);
  const wake = () => {
    if (pendingCount() > 0 && !stopped) return;
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve();
  };

  const work = async (destination: string): Promise<void> => {
    let delay: number = OUTBOX_BACKOFF.firstMs;
    try {
      for (;;) {
        if (stopped) return;
        const queue = store.queues.get(destination);
        const head = queue?.[0];
        if (queue === undefined || head === undefined) return;
        let outcome: 'delivered' | 'retry' | 'refused';
        let status = 0;
        try {
          status = await runtime.post(head);
          outcome = outcomeOf(status);
        } catch (error) {
          // A network or discovery failure is retried; anything else (a bug, an encoding failure) would fail forever.
          outcome = runtime.transient(error) ? 'retry' : 'refused';
        }
        if (stopped) return;
        if (outcome !== 'retry') {
          queue.shift();
          if (outcome === 'delivered') store.delivered += 1;
          else {
            store.refused.push({ entry: head, status });
            if (store.refused.length > MAX_REFUSED_KEPT) store.refused.shift();
          }
          if (queue.length === 0) store.queues.delete(destination);
          delay = OUTBOX_BACKOFF.firstMs;
          continue;
        }
        // Planted bug (defects.ts requeueOnRetry): the failed entry goes to the back, so later ones overtake it.
        if (runtime.defects?.requeueOnRetry === true && queue.length > 1) queue.push(queue.shift() ?? head);
        await runtime.clock.sleep(delay);
        delay = Math.min(delay * 2, OUTBOX_BACKOFF.maxMs);
      }
    } finally {
      running.delete(destination);
      wake();
    }
  };
  const start = (destination: string) => {
    if (running.has(destination) || stopped) return;
    running.add(destination);
    runtime.spawn(() => work(destination));
  };

  return {
    allocateId(dsDomain) {
      const id = store.nextMessageId.get(dsDomain) ?? store.firstMessageId;
      store.nextMessageId.set(dsDomain, id + 1n);
      return id;
    },
    push(entry) {
      const queue = store.queues.get(entry.destination) ?? [];
      queue.push(entry);
      store.queues.set(entry.destination, queue);
      start(entry.destination);
    },
    resume() {
      // Planted bug (defects.ts volatileOutbox): what was pending before the restart is gone.
      if (runtime.defects?.volatileOutbox === true) store.queues.clear();
      for (const destination of store.queues.keys()) start(destination);
    },
    stop() {
      stopped = true;
      wake();
    },
    settled() {
      if (pendingCount() === 0 || stopped) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    pending: pendingCount,
  };
}
