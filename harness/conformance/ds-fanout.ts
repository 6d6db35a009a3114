import { decode, DecodeError } from '../codec/index.js';
import { clientIdText, queueingServiceRequest } from '../messages/index.js';
import type { CheckContext } from './check.js';

/** One QueueingServiceRequest the target sent to a harness peer, as a check reads it off the trace (profile §5, §14 "Fan-out"). */
export interface SeenDelivery {
  /** Position in the network's trace. */
  readonly index: number;
  readonly destination: string;
  readonly path: string;
  readonly kind: 'deliver_message' | 'connection_request';
  /** `client/user@domain` of each recipient_id, in order. */
  readonly recipients: readonly string[];
  readonly wireformat: string;
  /** The embedded MLSMessage's bytes. */
  readonly message: Uint8Array;
}

/**
 * Every QueueingServiceRequest (`/deliver_message`, `/connection_request`)
 * the target has sent to a harness peer from trace position `since` on,
 * decoded; a body that does not decode is left out (the malformed checks
 * judge those).
 *
 * @example
 * const mark = ctx.network.trace.length; await alice.update(group); await settleTarget(ctx); targetDeliveries(ctx, mark)
 */
export function targetDeliveries(ctx: CheckContext, since = 0): SeenDelivery[] {
  const out: SeenDelivery[] = [];
  for (const [index, entry] of ctx.network.trace.entries()) {
    if (index < since || entry.source !== ctx.target.domain) continue;
    if (entry.path !== '/deliver_message' && entry.path !== '/connection_request') continue;
    try {
      const request = decode(queueingServiceRequest, entry.request, { rootName: 'QueueingServiceRequest' });
      const fanout = request.fanout_request;
      out.push({ index, destination: entry.destination, path: entry.path, kind: request.request_type, recipients: fanout.recipient_ids.map(clientIdText), wireformat: fanout.mls_message.value.wireformat, message: fanout.mls_message.bytes });
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
    }
  }
  return out;
}

/** Same bytes. @example sameBytes(a, b) */
export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/**
 * Who received `message` (by its bytes) in the deliveries, as
 * `client/user@domain` texts, sorted; a client named twice appears twice.
 *
 * @example
 * recipientsOf(targetDeliveries(ctx, mark), commitBytes) // ['phone/bob@peer-b.test']
 */
export function recipientsOf(deliveries: readonly SeenDelivery[], message: Uint8Array): string[] {
  return deliveries.filter((d) => sameBytes(d.message, message)).flatMap((d) => d.recipients).sort();
}
