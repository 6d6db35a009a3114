import { decode, toHex } from '../codec/index.js';
import { dsRequest, queueingServiceRequest, type ClientId } from '../messages/index.js';
import type { TraceEntry } from '../network/index.js';
import type { ModelWorld } from './model-state.js';
import { sendRequest } from './wire.js';

/** One fan-out request the target sent in this run, decoded (profile §5, §6). */
export interface SentFanOut {
  readonly to: string;
  readonly messageId: bigint;
  readonly recipients: readonly ClientId[];
  /** Hex of the MLSMessage it carries. */
  readonly message: string;
  readonly status: number | null;
  readonly entry: TraceEntry;
}

/** The fan-out requests (`/deliver_message`) the target sent since the run started, in order, decoded. @example fanOutsOfRun(world).filter((f) => f.to === 'ds.peer-a.test') */
export function fanOutsOfRun(world: ModelWorld): SentFanOut[] {
  const { ctx } = world;
  return ctx.network.trace.slice(world.traceStart).flatMap((entry) => {
    if (entry.source !== ctx.target.domain || entry.path !== '/deliver_message' || entry.request.length === 0) return [];
    try {
      const request = decode(queueingServiceRequest, entry.request).fanout_request;
      return [{ to: entry.destination, messageId: request.message_id, recipients: request.recipient_ids, message: toHex(request.mls_message.bytes), status: entry.status, entry }];
    } catch {
      // Not ours to judge here: the malformed and forwarding checks judge what the target sends.
      return [];
    }
  });
}

/**
 * Notes the PrivateMessage the target accepted for `text`: the last
 * successful ds_send_message the sender's provider sent it since trace
 * index `from`, so that its fan-out can be recognised on the wire.
 *
 * @example
 * recordAccepted(world, 'r1c0#1', traceLengthBefore);
 */
export function recordAccepted(world: ModelWorld, text: string, from: number): void {
  const entries = world.ctx.network.trace.slice(from).filter((e) => e.destination === world.ctx.target.dsDomain && e.path === '/group_operation' && e.status === 200);
  for (const entry of entries.reverse()) {
    try {
      const body = decode(dsRequest, entry.request).request_body;
      if (body.request_type !== 'ds_send_message') continue;
      world.wireOf.set(text, toHex(body.send_message_request.application_message.bytes));
      return;
    } catch {
      continue;
    }
  }
}

/**
 * Sends the latest fan-out the target made to peer `p`'s DS back to the
 * target itself, from that peer (a reflection, profile §6: the recipient is
 * the peer's DS, not the target's). It must not be accepted.
 *
 * @example
 * const { accepted, detail } = await reflectFanOut(world, 0);
 */
export async function reflectFanOut(world: ModelWorld, p: number): Promise<{ readonly accepted: boolean; readonly detail: string }> {
  const { ctx } = world;
  const peers = ctx.peers.slice(0, world.peersUsed);
  const peer = peers[p % Math.max(1, peers.length)];
  const captured = fanOutsOfRun(world).filter((f) => f.to === peer?.dsDomain).at(-1);
  if (peer === undefined || captured === undefined) return { accepted: false, detail: 'nothing captured yet' };
  try {
    const answer = await sendRequest(ctx, { source: peer.domain, url: `https://${ctx.target.dsDomain}/deliver_message`, method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: captured.entry.request });
    const accepted = answer.status >= 200 && answer.status < 300;
    return { accepted, detail: `a fan-out for ${peer.dsDomain} sent back to the target: ${answer.status}` };
  } catch (error) {
    return { accepted: false, detail: `the reflection did not get through (${error instanceof Error ? error.message : String(error)})` };
  }
}
