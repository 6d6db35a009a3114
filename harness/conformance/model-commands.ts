import fc from 'fast-check';
import type { LinkFaults } from '../network/index.js';
import type { VirtualClient } from '../scenario/index.js';
import { type FederationModel, type ModelWorld, restartPeer, healAll, setFaults, slotName } from './model-state.js';
import { recordAccepted, reflectFanOut } from './model-wire.js';

/** One step of a property run: fast-check's AsyncCommand over the model and the world. */
export type ModelCommand = fc.AsyncCommand<FederationModel, ModelWorld>;

const nth = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(1, items.length)];
const describe = (error: unknown) => (error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)).slice(0, 160);

function command(label: string, run: (model: FederationModel, world: ModelWorld) => Promise<string>): ModelCommand {
  return {
    check: () => true,
    async run(model, world) {
      model.log.push(`${label}: ${await run(model, world)}`);
    },
    toString: () => label,
  };
}

/** Members whose harness peer is up, sorted: who can act. */
function actors(model: FederationModel, world: ModelWorld): number[] {
  return [...model.members].filter((slot) => !model.crashed.has(world.peerOf[slot] ?? 0)).sort((a, b) => a - b);
}

/** Lets `slot` act: it first takes its queue (to be at the current epoch), then runs `op`; an error is the target's refusal or the network's, and changes nothing. */
async function act(world: ModelWorld, slot: number, op: (client: VirtualClient) => Promise<void>): Promise<string | undefined> {
  const client = world.clients[slot];
  if (client === undefined) return 'no such client';
  try {
    // What the target has fanned out by now arrives first (no virtual time passes), so the actor acts at the current epoch.
    await world.ctx.network.advance(0);
    await client.sync();
    await op(client);
    return undefined;
  } catch (error) {
    return `failed (${describe(error)})`;
  }
}

/** One message from the `a`-th actor; the model owes it to the other members once the target accepted it. */
async function sendOne(model: FederationModel, world: ModelWorld, a: number): Promise<string> {
  const sender = nth(actors(model, world), a);
  if (sender === undefined) return 'nobody can send';
  const sent = model.sent[sender] ?? [];
  const text = `${slotName(world, sender)}#${sent.length + 1}`;
  const from = world.ctx.network.trace.length;
  const problem = await act(world, sender, (c) => c.send(world.group, text));
  if (problem !== undefined) return `${slotName(world, sender)} ${problem}`;
  sent.push(text);
  recordAccepted(world, text, from);
  for (const m of model.members) if (m !== sender) model.owed[m]?.push(text);
  for (const r of model.removed) model.forbidden[r]?.push(text);
  return `${text} accepted`;
}

const send = (a: number): ModelCommand => command(`send(${a})`, (model, world) => sendOne(model, world, a));

const add = (a: number, b: number): ModelCommand =>
  command(`add(${a},${b})`, async (model, world) => {
    const actor = nth(actors(model, world), a);
    const outsider = nth(world.clients.map((_, i) => i).filter((i) => !model.members.has(i) && !model.removed.has(i)), b);
    if (actor === undefined || outsider === undefined) return 'nobody to add';
    const problem = await act(world, actor, (c) => c.addUsers(world.group, [world.clients[outsider]?.id ?? c.id]));
    if (problem !== undefined) return `${slotName(world, actor)} adding ${slotName(world, outsider)} ${problem}`;
    model.members.add(outsider);
    return `${slotName(world, outsider)} added`;
  });

const remove = (a: number, b: number): ModelCommand =>
  command(`remove(${a},${b})`, async (model, world) => {
    const actor = nth(actors(model, world), a);
    const victim = nth([...model.members].filter((m) => m !== actor).sort((x, y) => x - y), b);
    if (actor === undefined || victim === undefined) return 'nobody to remove';
    const problem = await act(world, actor, (c) => c.removeUsers(world.group, [world.clients[victim]?.id.user ?? c.id.user]));
    if (problem !== undefined) return `${slotName(world, actor)} removing ${slotName(world, victim)} ${problem}`;
    model.members.delete(victim);
    model.removed.add(victim);
    return `${slotName(world, victim)} removed`;
  });

const update = (a: number): ModelCommand =>
  command(`update(${a})`, async (model, world) => {
    const actor = nth(actors(model, world), a);
    if (actor === undefined) return 'nobody to update';
    return (await act(world, actor, (c) => c.update(world.group))) ?? 'committed';
  });

/** Faults of a link, each with probability 1 so that a run depends on its commands only, never on what earlier runs drew. */
export const LINK_FAULTS = {
  'drop-request': { dropRequest: 1 },
  'drop-response': { dropResponse: 1 },
  duplicate: { duplicate: 1 },
  delay: { reorder: 1, reorderDelayMs: 700 },
} as const satisfies Record<string, LinkFaults>;
type FaultKind = keyof typeof LINK_FAULTS;

/** Faults on the target's fan-out link to a peer's DS (any kind), or on the peer's link to the target (only what leaves a client's operation all-or-nothing: no lost answers, no duplicates). */
const fault = (p: number, kind: FaultKind, toTarget: boolean): ModelCommand =>
  command(`fault(${p},${kind}${toTarget ? ',to-target' : ''})`, (_model, world) => {
    const peer = nth(world.ctx.peers.slice(0, world.peersUsed), p);
    if (peer === undefined) return Promise.resolve('no peer');
    if (toTarget) setFaults(world, peer.domain, world.ctx.target.dsDomain, LINK_FAULTS[kind]);
    else setFaults(world, world.ctx.target.domain, peer.dsDomain, LINK_FAULTS[kind]);
    return Promise.resolve(`${kind} on ${toTarget ? `${peer.domain} -> target` : `target -> ${peer.dsDomain}`}`);
  });

/** A fault on the target's fan-out link to peer `p`, then `n` messages: what is sent while a guest cannot be reached (or its answers are lost) must still arrive once, in order. */
const burst = (p: number, kind: FaultKind, a: number, n: number): ModelCommand =>
  command(`burst(${p},${kind},${a},${n})`, async (model, world) => {
    const peer = nth(world.ctx.peers.slice(0, world.peersUsed), p);
    if (peer === undefined) return 'no peer';
    setFaults(world, world.ctx.target.domain, peer.dsDomain, LINK_FAULTS[kind]);
    const done: string[] = [];
    for (let i = 0; i < n; i++) done.push(await sendOne(model, world, a + i));
    return `${kind} on target -> ${peer.dsDomain}; ${done.join(', ')}`;
  });

const partition = (p: number): ModelCommand =>
  command(`partition(${p})`, (_model, world) => {
    const peer = nth(world.ctx.peers.slice(0, world.peersUsed), p);
    if (peer === undefined) return Promise.resolve('no peer');
    world.ctx.network.partition([world.ctx.target.domain], [peer.domain]);
    return Promise.resolve(`target | ${peer.domain}`);
  });

const heal = (): ModelCommand =>
  command('heal', (model, world) => {
    healAll(world, model);
    return Promise.resolve('healed');
  });

const crash = (p: number): ModelCommand =>
  command(`crash(${p})`, (model, world) => {
    const index = p % world.peersUsed;
    const peer = world.ctx.peers[index];
    if (peer === undefined || model.crashed.has(index)) return Promise.resolve('already down');
    world.ctx.network.crash(peer.domain);
    model.crashed.add(index);
    return Promise.resolve(`${peer.domain} down`);
  });

const restart = (p: number): ModelCommand =>
  command(`restart(${p})`, (model, world) => {
    const index = p % world.peersUsed;
    if (!model.crashed.has(index)) return Promise.resolve('not down');
    restartPeer(world, index);
    model.crashed.delete(index);
    return Promise.resolve(`${world.ctx.peers[index]?.domain ?? '?'} up`);
  });

/** The target crashes and comes back after `ms` of virtual time: its durable state (the outbox included) must survive. */
const bounceTarget = (ms: number): ModelCommand =>
  command(`restart-target(${ms})`, async (model, world) => {
    const { network, target } = world.ctx;
    network.crash(target.domain);
    model.targetDown = true;
    await network.advance(ms);
    network.restart(target.domain);
    model.targetDown = false;
    return 'restarted';
  });

const advance = (ms: number): ModelCommand =>
  command(`advance(${ms})`, async (model, world) => {
    await world.ctx.network.advance(ms);
    for (const [slot, client] of world.clients.entries()) if (!model.crashed.has(world.peerOf[slot] ?? 0)) await client.sync();
    return 'synced';
  });

const reflect = (p: number): ModelCommand =>
  command(`reflect(${p})`, async (_model, world) => {
    const outcome = await reflectFanOut(world, p);
    if (outcome.accepted) throw new Error(`forwarding violation accepted: ${outcome.detail}`);
    return outcome.detail;
  });

/**
 * The command arbitraries of a property run, weighted towards operations
 * and faults: sends, adds, removes and updates; faults on the links between
 * the target and each harness peer; partitions and healing; crashes and
 * restarts of harness peers and of the target; clock advances; and a
 * reflection of a captured fan-out back to the target, which must never be
 * accepted (profile §6).
 *
 * @example
 * fc.commands(modelCommands(), { maxCommands: 20 })
 */
export function modelCommands(): fc.Arbitrary<ModelCommand>[] {
  const small = fc.nat({ max: 7 });
  const kind = fc.constantFrom<FaultKind>('drop-response', 'drop-request', 'duplicate', 'delay');
  return [
    fc.oneof(
      { arbitrary: small.map(send), weight: 6 },
      { arbitrary: fc.tuple(small, small).map(([a, b]) => add(a, b)), weight: 2 },
      { arbitrary: fc.tuple(small, small).map(([a, b]) => remove(a, b)), weight: 3 },
      { arbitrary: small.map(update), weight: 1 },
      { arbitrary: fc.tuple(small, kind).map(([p, k]) => fault(p, k, false)), weight: 3 },
      { arbitrary: fc.tuple(small, fc.constantFrom<FaultKind>('drop-request', 'delay')).map(([p, k]) => fault(p, k, true)), weight: 1 },
      { arbitrary: fc.tuple(small, kind, small, fc.integer({ min: 1, max: 3 })).map(([p, k, a, n]) => burst(p, k, a, n)), weight: 4 },
      { arbitrary: small.map(partition), weight: 1 },
      { arbitrary: fc.constant(null).map(heal), weight: 2 },
      { arbitrary: small.map(crash), weight: 1 },
      { arbitrary: small.map(restart), weight: 1 },
      { arbitrary: fc.integer({ min: 1, max: 20 }).map((s) => bounceTarget(s * 1_000)), weight: 2 },
      { arbitrary: fc.integer({ min: 1, max: 40 }).map((s) => advance(s * 1_000)), weight: 2 },
      { arbitrary: small.map(reflect), weight: 1 },
    ),
  ];
}
