import type { Peer, CheckContext, CheckVerdict } from './check.js';
import type { ControlledClient } from './control.js';
import { harnessClient, settleTarget } from './ds-world.js';
import { persona, type Persona } from './persona.js';
import { describeWire, permits, type WireOutcome } from './persona-capture.js';
import type { VirtualClient } from '../scenario/index.js';

/**
 * The target as a guest (issue 10 §1): a group owned by the harness's DS
 * (peer 0) with alice (peer 0), bob (peer 1) and carol, a client of the
 * target made through its control interface. Every member has joined and
 * carol has received alice's first message, "one", so the target's
 * answers to the harness DS's fan-out are in the trace to be captured.
 */
export interface GuestWorld {
  readonly group: Uint8Array;
  readonly alice: VirtualClient;
  readonly bob: VirtualClient;
  readonly carol: ControlledClient;
  /** The harness's DS that owns the group. */
  readonly ds: Peer;
  /** The malicious persona: bob's provider, peer 1. */
  readonly mallory: Persona;
}

/**
 * Builds the {@link GuestWorld}; the check must declare `needs: ['control']`.
 *
 * @example
 * const world = await guestWorld(ctx);
 */
export async function guestWorld(ctx: CheckContext, carolOptions: { readonly keyPackages?: number; readonly lastResort?: boolean } = {}): Promise<GuestWorld> {
  const control = ctx.control;
  const ds = ctx.peers[0];
  if (control === undefined || ds === undefined || ctx.peers.length < 2) throw new Error('a guest world needs the control interface and two harness peers');
  const carol = await control.createClient({ user: { user_name: 'carol', domain: ctx.target.domain }, client_name: 'phone' }, carolOptions);
  const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
  const bob = await harnessClient(ctx, { user: 'bob', peer: 1 });
  const group = await alice.createGroup('regular');
  await alice.addUsers(group, [bob.id, carol.id]);
  await settleTarget(ctx, [bob]);
  await carol.sync();
  if (carol.epoch(group) === undefined) throw new Error(`the target's client did not join the harness DS's group (failures: ${carol.failures.join('; ') || 'none'})`);
  await alice.send(group, 'one');
  await settleTarget(ctx, [bob]);
  await carol.sync();
  if (!carol.received.some((m) => m.text === 'one')) throw new Error('the target\'s client did not receive the harness DS\'s fan-out');
  return { group, alice, bob, carol, ds, mallory: persona(ctx, 1) };
}

/** Options for {@link refusedByGuest}. */
export interface GuestRefusal {
  readonly what: string;
  readonly attempt: () => Promise<WireOutcome>;
  readonly permitted: readonly { readonly status: number; readonly code: string }[];
}

/**
 * Sends a forged or misrouted payload to the target as a guest and judges
 * it from outside (profile §6 "A refused request MUST NOT store, forward or
 * change anything"): refused with a permitted code, carol's queue got
 * nothing, and alice's next honest message reaches carol exactly once.
 *
 * @example
 * return refusedByGuest(ctx, world, { what: 'a delivery for another DS', attempt, permitted: [{ status: 421, code: 'wrong_recipient' }] });
 */
export async function refusedByGuest(ctx: CheckContext, world: GuestWorld, refusal: GuestRefusal): Promise<CheckVerdict> {
  const expected = `${refusal.what}: ${refusal.permitted.map((p) => `${p.status} ${p.code}`).join(' or ')}; nothing queued for the target's client; the next honest delivery arrives once`;
  await world.carol.sync();
  const outcome = await refusal.attempt();
  if (!permits(refusal.permitted, outcome)) return { status: 'fail', expected, actual: describeWire(outcome) };
  await settleTarget(ctx, [world.bob]);
  const taken = await world.carol.sync();
  if (taken > 0) return { status: 'fail', expected, actual: `${describeWire(outcome)}, but ${taken} message(s) were queued for the target's client` };
  await world.alice.send(world.group, 'after');
  await settleTarget(ctx, [world.bob]);
  await world.carol.sync();
  const after = world.carol.received.filter((m) => m.text === 'after').length;
  if (after !== 1) return { status: 'fail', expected, actual: `${describeWire(outcome)}; then the next honest message arrived ${after} time(s)` };
  return { status: 'pass', expected, actual: `${describeWire(outcome)}; nothing queued; the next message arrived once` };
}
