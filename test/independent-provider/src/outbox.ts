import { encode, type mlsMessage, type ValueOf } from 'mimi-transport-harness/codec';
import { dsFanoutRequestTbs, FANOUT_SIGNATURE_LABELS, queueingServiceRequest, type ClientId } from 'mimi-transport-harness/messages';
import { signWithLabel } from 'mimi-transport-harness/mls';
import type { Directory } from './directory.js';
import type { Discovery } from './discovery.js';
import { peerRequest, type Peers } from './peers.js';

/** One MLSMessage for some clients, as a group message or a connection request (profile §5). */
export interface Delivery {
  readonly recipients: readonly ClientId[];
  readonly message: ValueOf<typeof mlsMessage>;
  readonly kind: 'deliver_message' | 'connection_request';
}

/** What the outbox needs of the provider. */
export interface OutboxHost {
  readonly domain: string;
  readonly dsDomain: string;
  readonly signKey: Uint8Array;
  readonly peers: () => Peers;
  readonly discovery: Discovery;
  readonly directory: Directory;
  /** A line for the provider's log. */
  readonly log: (line: string) => void;
}

// Retries every 0.25 s doubling up to 2 s: a shorter cap than the reference's 30 s, so that a message held back by
// a guest that is briefly away holds its queue (strictly in order) only briefly.
const FIRST_RETRY_MS = 250;
const LAST_RETRY_MS = 2_000;
/**
 * A test provider gives up on a message after this long (a real one keeps the entry durable); long enough for any
 * check's outage. Against the harness, a message for an earlier check's peer gets 503 outside every later check's
 * trace (each check has peers of its own), so a retry that goes on does no harm.
 */
const GIVE_UP_MS = 120_000;

/**
 * Fan-out (DS draft "Server to server requests", profile §14 "Fan-out"): own clients get the message in their queue
 * at once; each guest provider gets one signed QueueingServiceRequest per message, through one queue per guest,
 * strictly in order. The guest's DS domain is discovered, the request signed once, and every retry (network
 * failure, 429, 5xx; 0.25 s doubling up to 2 s) resends the same bytes. 2xx and 409 (duplicate_message_id: already
 * processed) are deliveries; any other status is final.
 *
 * @example
 * const outbox = createOutbox(host);
 * outbox.fanOut([{ recipients, message, kind: 'deliver_message' }]);
 */
export function createOutbox(host: OutboxHost) {
  const queues = new Map<string, Promise<void>>();
  const nextId = new Map<string, bigint>();
  // message_ids unique per (sender, recipient) across restarts of this process (profile §13).
  const base = BigInt(Date.now()) * 1000n;
  let localId = base;
  const allocate = (recipient: string): bigint => {
    const id = nextId.get(recipient) ?? base;
    nextId.set(recipient, id + 1n);
    return id;
  };

  /** Discovers the guest's DS domain and signs the request: once; every retry resends these bytes. */
  async function prepare(domain: string, delivery: Delivery): Promise<{ recipient: string; body: Uint8Array }> {
    const recipient = await host.discovery.dsDomainOf(domain);
    const fields = { protocol_version: 1 as const, sender: host.dsDomain, recipient, message_id: allocate(recipient), recipient_ids: [...delivery.recipients], mls_message: delivery.message };
    const signature = await signWithLabel(host.signKey, FANOUT_SIGNATURE_LABELS[delivery.kind], encode(dsFanoutRequestTbs, fields));
    return { recipient, body: encode(queueingServiceRequest, { request_type: delivery.kind, fanout_request: { ...fields, signature } }) };
  }

  async function deliver(domain: string, delivery: Delivery): Promise<void> {
    const started = Date.now();
    let prepared: { recipient: string; body: Uint8Array } | undefined;
    for (let wait = FIRST_RETRY_MS; ; wait = Math.min(LAST_RETRY_MS, wait * 2)) {
      let retry: string;
      try {
        prepared ??= await prepare(domain, delivery);
        const answer = await peerRequest(host.peers(), prepared.recipient, 'POST', `/${delivery.kind}`, prepared.body);
        if ((answer.status >= 200 && answer.status < 300) || answer.status === 409) return;
        if (answer.status !== 429 && answer.status < 500) {
          host.log(`fan-out to ${prepared.recipient} refused with ${answer.status}; not retried`);
          return;
        }
        retry = `status ${answer.status}`;
      } catch (error) {
        retry = error instanceof Error ? error.message : String(error);
      }
      if (Date.now() - started > GIVE_UP_MS) {
        host.log(`fan-out to ${domain} given up after ${GIVE_UP_MS} ms (${retry})`);
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  return {
    /** A message_id for a request to `recipient`, unique per (sender, recipient) and shared with the KeyPackage requests (profile §13). */
    allocateId: allocate,
    fanOut(deliveries: readonly Delivery[]): void {
      for (const delivery of deliveries) {
        const byDomain = new Map<string, ClientId[]>();
        for (const client of delivery.recipients) byDomain.set(client.user.domain, [...(byDomain.get(client.user.domain) ?? []), client]);
        for (const [domain, recipients] of byDomain) {
          const one = { ...delivery, recipients };
          if (domain === host.domain) {
            localId += 1n;
            for (const client of recipients) if (host.directory.has(client)) host.directory.deliver(client, { sender: host.dsDomain, messageId: localId, kind: delivery.kind, message: delivery.message.bytes });
            continue;
          }
          const previous = queues.get(domain) ?? Promise.resolve();
          const next = previous.then(() => deliver(domain, one)).catch((error: unknown) => {
            host.log(`fan-out to ${domain} failed: ${error instanceof Error ? error.message : String(error)}`);
          });
          queues.set(domain, next);
        }
      }
    },
    /** Resolves once every guest queue is empty (for tests and a clean stop). */
    async idle(): Promise<void> {
      await Promise.all(queues.values());
    },
  };
}

/** The outbox of {@link createOutbox}. */
export type Outbox = ReturnType<typeof createOutbox>;
