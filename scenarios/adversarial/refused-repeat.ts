import { http } from 'msw';
import { encode } from '../../harness/codec/index.js';
import { captured, describeWire, guestWorld, outcomeOf, persona, sameBytes, settleTarget, type Check, type CheckContext, type CheckVerdict, type GuestWorld } from '../../harness/conformance/index.js';
import { dsResponse } from '../../harness/messages/index.js';
import type { TraceEntry } from '../../harness/network/index.js';

const SECTION = 'PROFILE §13 Replay and idempotency; §5 Verification key, §6 step 2';
const QUOTE = 'Only accepted requests are remembered. A refused request leaves no record (§6), so a repeat of it is processed afresh.';

/** The owner's /verification_key answers 503 unavailable until the handlers are reset: the cause the check fixes afterwards. */
function keyServerDown(world: GuestWorld): void {
  const unavailable = encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'error', error: { code: 'unavailable', message: 'the key server is down for maintenance' } } });
  world.ds.provider.use(http.all(`https://${world.ds.dsDomain}/verification_key`, () => new Response(unavailable, { status: 503, headers: { 'content-type': 'application/octet-stream' } })));
}

/** The owner's deliveries to the target so far, in order. */
const deliveries = (ctx: CheckContext, world: GuestWorld): TraceEntry[] => captured(ctx, { path: '/deliver_message', source: world.ds.domain, destination: ctx.target.dsDomain });

const received = (world: GuestWorld, text: string): number => world.carol.received.filter((m) => m.text === text).length;

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await guestWorld(ctx);
  const expected = 'the owner\'s delivery, signed with a key the target cannot fetch yet, is refused 403 invalid_signature; once the key is served, the same bytes (same message_id) are accepted 200 and delivered once; a further repeat gets that answer again and delivers nothing';
  // The cause: the owner rotates its key while its key server is down, so the target can verify its next delivery with neither its cached key nor a fresh one (profile §5, §6 step 2).
  keyServerDown(world);
  await world.ds.provider.rotateVerificationKey();
  const before = deliveries(ctx, world).length;
  await world.alice.send(world.group, 'two');
  await settleTarget(ctx, [world.bob]);
  const refused = deliveries(ctx, world)[before];
  if (refused === undefined) throw new Error('the harness DS did not deliver alice\'s second message to the target');
  const first = outcomeOf('QueueingServiceResponse', { status: refused.status ?? 0, body: refused.response ?? new Uint8Array(0), headers: {} });
  await world.carol.sync();
  if (first.status !== 403 || first.code !== 'invalid_signature') return { status: 'fail', expected, actual: `while the owner's new key could not be fetched, its delivery was answered ${describeWire(first)}${received(world, 'two') > 0 ? ' and delivered' : ''}` };
  // The fix: the owner's key server is back. The same request again, byte for byte, from the owner's host.
  world.ds.provider.resetHandlers();
  const owner = persona(ctx, 0);
  const again = await owner.send(ctx.target.dsDomain, '/deliver_message', refused.request);
  const second = outcomeOf('QueueingServiceResponse', again);
  await settleTarget(ctx, [world.bob]);
  await world.carol.sync();
  if (second.code !== 'ok') return { status: 'fail', expected, actual: `refused 403 invalid_signature; once the key was served, the same request was answered ${describeWire(second)}` };
  if (received(world, 'two') !== 1) return { status: 'fail', expected, actual: `refused, then accepted, but the target's client received the message ${received(world, 'two')} time(s)` };
  const third = await owner.send(ctx.target.dsDomain, '/deliver_message', refused.request);
  await settleTarget(ctx, [world.bob]);
  const taken = await world.carol.sync();
  if (third.status !== again.status || !sameBytes(third.body, again.body)) return { status: 'fail', expected, actual: `refused, then accepted; a further repeat was answered ${describeWire(outcomeOf('QueueingServiceResponse', third))}, not the accepted answer again` };
  if (taken > 0) return { status: 'fail', expected, actual: `refused, then accepted; a further repeat queued ${taken} message(s) again` };
  return { status: 'pass', expected, actual: 'refused 403 invalid_signature; accepted 200 after the fix and delivered once; the repeat got the same answer and delivered nothing' };
}

/**
 * Profile §13: a refused request is not remembered. The target is a guest
 * of the harness DS's group. The harness DS rotates its verification key
 * while its key server is down, so its next delivery (alice's "two") cannot
 * be verified: refused `invalid_signature` (§5 "Discarded", §6 step 2). Once
 * the key server is back, the same request (same `message_id`, byte for
 * byte) is sent again from the harness DS's host: it must be processed
 * afresh and accepted, delivered once, and remembered from then on.
 *
 * @example
 * await runCatalog({ target, checks: [refusedRepeat], seed: 1 });
 */
export const refusedRepeat: Check = {
  id: 'adversarial.replay.refused-then-fixed',
  section: SECTION,
  quote: QUOTE,
  level: 'MUST',
  role: 'qs',
  needs: ['control'],
  alternatives: ['403 invalid_signature, then 200 ok and one delivery, then the same answer again'],
  run,
};
