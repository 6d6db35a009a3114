import { encode } from '../../harness/codec/index.js';
import { captured, decodeQs, guestWorld, outcomeOf, refusedByGuest, type Check, type CheckContext, type GuestWorld } from '../../harness/conformance/index.js';
import { queueingServiceRequest, type DSFanoutRequest } from '../../harness/messages/index.js';

const fanOuts = (ctx: CheckContext, world: GuestWorld, destination: string): DSFanoutRequest[] =>
  captured(ctx, { path: '/deliver_message', source: world.ds.domain, destination }).map((e) => decodeQs(e.request).fanout_request);

function last<T>(items: readonly T[], what: string): T {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error(`nothing captured: ${what}`);
  return item;
}

/**
 * Issue 10 §3: a delivery signed for B forwarded to C, with ids that belong
 * to C, so that only the recipient check can refuse it. The harness DS's
 * fan-out of alice's message to bob's provider (B) is captured; the same
 * message, signed by the harness DS with recipient B but naming carol (a
 * client of the target, C), is sent by B's persona to the target.
 *
 * @example
 * await runCatalog({ target, checks: [forwardedDelivery], seed: 1 });
 */
export const forwardedDelivery: Check = {
  id: 'adversarial.forwarded-delivery',
  section: 'transport draft "Transport Security and Authentication"; PROFILE §6',
  quote: 'a payload signed for provider B cannot be replayed to C',
  level: 'MUST',
  role: 'qs',
  needs: ['control'],
  alternatives: ['421 wrong_recipient'],
  async run(ctx) {
    const world = await guestWorld(ctx);
    const forB = last(fanOuts(ctx, world, world.mallory.dsDomain), `the harness DS's fan-out to ${world.mallory.dsDomain}`);
    const fields = { sender: forB.sender, recipient: forB.recipient, message_id: world.mallory.freshMessageId(), recipient_ids: [world.carol.id], mls_message: forB.mls_message };
    const body = await world.mallory.fanout(fields, 'deliver_message', { signKey: world.ds.provider.signingKey.signKey });
    return refusedByGuest(ctx, world, { what: `a delivery signed by ${forB.sender} for ${forB.recipient}, naming the target's client, forwarded by ${world.mallory.domain}`, permitted: [{ status: 421, code: 'wrong_recipient' }], attempt: async () => outcomeOf('QueueingServiceResponse', await world.mallory.send(ctx.target.dsDomain, '/deliver_message', body)) });
  },
};

/**
 * Issue 10 §3: a spoofed sender. The persona sends the group's real
 * message in the name of the group's owning DS, signed with its own key;
 * the target verifies with the named sender's key (profile §6 step 2).
 *
 * @example
 * await runCatalog({ target, checks: [spoofedSender], seed: 1 });
 */
export const spoofedSender: Check = {
  id: 'adversarial.spoofed-sender',
  section: 'transport draft "Deliver Message"; PROFILE §6, §7',
  quote: 'Verify signature with the sender\'s verification key ... Otherwise invalid_signature (403).',
  level: 'MUST',
  role: 'qs',
  needs: ['control'],
  alternatives: ['403 invalid_signature'],
  async run(ctx) {
    const world = await guestWorld(ctx);
    const real = last(fanOuts(ctx, world, ctx.target.dsDomain), 'the harness DS\'s fan-out to the target');
    const fields = { sender: real.sender, recipient: ctx.target.dsDomain, message_id: world.mallory.freshMessageId(), recipient_ids: [world.carol.id], mls_message: real.mls_message };
    const body = await world.mallory.fanout(fields);
    return refusedByGuest(ctx, world, { what: `a delivery naming ${real.sender} as sender, signed by ${world.mallory.dsDomain}`, permitted: [{ status: 403, code: 'invalid_signature' }], attempt: async () => outcomeOf('QueueingServiceResponse', await world.mallory.send(ctx.target.dsDomain, '/deliver_message', body)) });
  },
};

/**
 * Issue 10 §3: a valid signature under the wrong label. The harness DS's
 * Welcome delivery to the target (signed under "MIMI DSFanoutRequest") is
 * captured and sent again, byte for byte but retyped, as a connection
 * request: its signature is valid, under the other label (profile §5, §7).
 *
 * @example
 * await runCatalog({ target, checks: [relabelledDelivery], seed: 1 });
 */
export const relabelledDelivery: Check = {
  id: 'adversarial.relabelled-delivery',
  section: 'transport draft "Deliver Connection Request"; PROFILE §5, §7',
  quote: 'a signed delivery can then never be replayed as a connection request, nor the other way round',
  level: 'PROFILE',
  role: 'qs',
  needs: ['control'],
  alternatives: ['403 invalid_signature'],
  async run(ctx) {
    const world = await guestWorld(ctx);
    const welcome = fanOuts(ctx, world, ctx.target.dsDomain).find((f) => f.mls_message.value.wireformat === 'mls_welcome');
    if (welcome === undefined) throw new Error('the harness DS sent the target no Welcome');
    const body = encode(queueingServiceRequest, { request_type: 'connection_request', fanout_request: welcome });
    return refusedByGuest(ctx, world, { what: 'a Welcome delivery of the owning DS, signed as deliver_message, sent as a connection_request', permitted: [{ status: 403, code: 'invalid_signature' }], attempt: async () => outcomeOf('QueueingServiceResponse', await world.mallory.send(ctx.target.dsDomain, '/connection_request', body)) });
  },
};
