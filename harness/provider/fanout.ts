import { encode, type mlsMessage, type ValueOf } from '../codec/index.js';
import { dsFanoutRequestTbs, FANOUT_SIGNATURE_LABELS, queueingServiceRequest, type ClientId } from '../messages/index.js';
import { signWithLabel } from '../mls/index.js';
import { DiscoveryError } from './discovery-client.js';
import { ProviderError } from './provider-error.js';
import type { ProviderState } from './provider-state.js';

type EmbeddedMessage = ValueOf<typeof mlsMessage>;

/** One MLSMessage for some clients, sent as a group message or as a connection request (profile §5). */
export interface Delivery {
  readonly recipients: readonly ClientId[];
  readonly message: EmbeddedMessage;
  readonly kind: 'deliver_message' | 'connection_request';
}

/** Deliveries grouped by where they go: this provider's own clients, or a guest DS (discovered). */
export interface FanoutPlan {
  readonly local: readonly { readonly recipients: readonly ClientId[]; readonly delivery: Delivery }[];
  readonly remote: readonly { readonly dsDomain: string; readonly recipients: readonly ClientId[]; readonly delivery: Delivery }[];
}

/**
 * Plans the fan-out (DS draft "Server to server requests"): recipients are
 * grouped per provider, and each guest provider's DS domain is discovered
 * (profile §11) before anything changes, so that a discovery failure
 * refuses the operation (503 unavailable) instead of losing messages.
 *
 * @example
 * const plan = await planFanout(state, [{ recipients, message, kind: 'deliver_message' }]);
 */
export async function planFanout(state: ProviderState, deliveries: readonly Delivery[]): Promise<FanoutPlan> {
  const local: FanoutPlan['local'][number][] = [];
  const remote: FanoutPlan['remote'][number][] = [];
  for (const delivery of deliveries) {
    const byDomain = new Map<string, ClientId[]>();
    for (const client of delivery.recipients) byDomain.set(client.user.domain, [...(byDomain.get(client.user.domain) ?? []), client]);
    for (const [domain, recipients] of byDomain) {
      if (domain === state.domain) {
        local.push({ recipients, delivery });
        continue;
      }
      let dsDomain: string;
      try {
        dsDomain = await state.discovery.discover(domain);
      } catch (error) {
        if (error instanceof DiscoveryError) throw new ProviderError('unavailable', `cannot fan out to ${domain}: ${error.message}`);
        throw error;
      }
      remote.push({ dsDomain, recipients, delivery });
    }
  }
  return { local, remote };
}

/**
 * Carries out a plan: local recipients get the message in their queue at
 * once; each guest DS gets one signed QueueingServiceRequest through the
 * durable outbox (profile §5, §6, §7, §13).
 *
 * @example
 * await executeFanout(state, plan);
 */
export async function executeFanout(state: ProviderState, plan: FanoutPlan): Promise<void> {
  for (const { recipients, delivery } of plan.local) {
    const messageId = state.nextLocalMessageId;
    state.nextLocalMessageId = messageId + 1n;
    for (const client of recipients) state.queues.deliver(client, { sender: state.dsDomain, messageId, kind: delivery.kind, message: delivery.message.bytes });
  }
  for (const { dsDomain, recipients, delivery } of plan.remote) {
    const messageId = state.outbox.allocateId(dsDomain);
    const fields = { protocol_version: 1, sender: state.dsDomain, recipient: dsDomain, message_id: messageId, recipient_ids: [...recipients], mls_message: delivery.message } as const;
    const signature = await signWithLabel(state.verificationKey.signKey, FANOUT_SIGNATURE_LABELS[delivery.kind], encode(dsFanoutRequestTbs, fields));
    const body = encode(queueingServiceRequest, { request_type: delivery.kind, fanout_request: { ...fields, signature } });
    state.outbox.push({ destination: dsDomain, path: delivery.kind === 'deliver_message' ? '/deliver_message' : '/connection_request', messageId, body });
  }
}
