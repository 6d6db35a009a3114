import { encode, type mlsMessage, type ValueOf } from '../codec/index.js';
import { dsFanoutRequestTbs, FANOUT_SIGNATURE_LABELS, queueingServiceRequest, type ClientId, type DSFanoutRequest } from '../messages/index.js';
import { signWithLabel } from '../mls/index.js';
import type { OutboxEntry, PreparedDelivery } from './outbox.js';
import type { ProviderState } from './provider-state.js';

type EmbeddedMessage = ValueOf<typeof mlsMessage>;

/** One MLSMessage for some clients, sent as a group message or as a connection request (profile §5). */
export interface Delivery {
  readonly recipients: readonly ClientId[];
  readonly message: EmbeddedMessage;
  readonly kind: 'deliver_message' | 'connection_request';
}

/**
 * Fans out (DS draft "Server to server requests"): recipients are grouped
 * per provider; this provider's own clients get the message in their queue
 * at once, each guest provider gets one entry in the durable outbox.
 *
 * @example
 * fanOut(state, [{ recipients, message, kind: 'deliver_message' }]);
 */
export function fanOut(state: ProviderState, deliveries: readonly Delivery[]): void {
  for (const delivery of deliveries) {
    const byDomain = new Map<string, ClientId[]>();
    for (const client of delivery.recipients) byDomain.set(client.user.domain, [...(byDomain.get(client.user.domain) ?? []), client]);
    const guests = [...byDomain.keys()].filter((domain) => domain !== state.domain);
    for (const [domain, recipients] of byDomain) {
      // Planted bug (ProviderDefects.fanOutSkipsFourthGuest): one guest provider of a wide fan-out is left out.
      if (state.defects.fanOutSkipsFourthGuest === true && guests.length >= 4 && domain === guests[3]) continue;
      if (domain === state.domain) {
        const messageId = state.nextLocalMessageId;
        state.nextLocalMessageId = messageId + 1n;
        for (const client of recipients) state.queues.deliver(client, { sender: state.dsDomain, messageId, kind: delivery.kind, message: delivery.message.bytes });
      } else {
        state.outbox.push({ destination: domain, kind: delivery.kind, recipients, message: delivery.message });
      }
    }
  }
}

/**
 * Turns an outbox entry into its signed QueueingServiceRequest (profile
 * §5, §6, §7, §13): the guest's DS domain by discovery, a message_id unique
 * for that recipient, the label of its kind. Done once; retries resend the
 * same bytes, unless the provider's key has rotated since: then the same
 * fields, message_id included, are signed again with the current key, so a
 * guest that has forgotten the old key still accepts it.
 *
 * @example
 * const prepared = await prepareDelivery(state, entry);
 */
export async function prepareDelivery(state: ProviderState, entry: OutboxEntry): Promise<PreparedDelivery> {
  // Planted bug (defects.ts freshMessageIdOnRetry): forgets what the first attempt sent, so a retry is a new message_id.
  const earlier = state.defects.freshMessageIdOnRetry === true ? undefined : entry.prepared;
  if (earlier !== undefined && sameBytes(earlier.signedWith, state.verificationKey.publicKey)) return earlier;
  const dsDomain = earlier?.dsDomain ?? (await state.discovery.discover(entry.destination));
  // A worker of a process that has since restarted stops here, so only the live one allocates and signs.
  state.live();
  const messageId = earlier?.messageId ?? state.outbox.allocateId(dsDomain);
  const keys = state.verificationKey;
  const fields = { protocol_version: 1 as const, sender: state.dsDomain, recipient: dsDomain, message_id: messageId, recipient_ids: [...entry.recipients], mls_message: entry.message };
  const signature = await signWithLabel(keys.signKey, FANOUT_SIGNATURE_LABELS[entry.kind], encode(dsFanoutRequestTbs, fields));
  const fanout: DSFanoutRequest = { ...fields, signature };
  const body = encode(queueingServiceRequest, { request_type: entry.kind, fanout_request: fanout });
  state.live();
  entry.prepared = { dsDomain, path: entry.kind === 'deliver_message' ? '/deliver_message' : '/connection_request', messageId, body, signedWith: keys.publicKey };
  return entry.prepared;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
