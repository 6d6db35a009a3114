import type { VirtualClient } from '../scenario/index.js';
import { type FederationModel, type ModelWorld, setFaults, slotName } from './model-state.js';
import { command, describeFailure, LINK_FAULTS, nth, type FaultKind, type ModelCommand } from './model-step.js';
import { recordAccepted } from './model-wire.js';

/** Members whose harness peer is up, sorted: who can act. */
function actors(model: FederationModel, world: ModelWorld): number[] {
  return [...model.members].filter((slot) => !model.crashed.has(world.peerOf[slot] ?? 0)).sort((a, b) => a - b);
}

/**
 * Lets `slot` act: it first takes its queue (to be at the current epoch),
 * then runs `op`; an error is the target's refusal or the network's, and
 * changes nothing. A commit waits until the committer has received every
 * message owed to it: the harness's clients keep no secrets of past epochs,
 * so a message of the old epoch arriving after its own commit could not be
 * read (a limit of the harness's client, not the target's fault).
 */
async function act(model: FederationModel, world: ModelWorld, slot: number, op: (client: VirtualClient) => Promise<void>, options: { readonly commit?: boolean } = {}): Promise<string | undefined> {
  const client = world.clients[slot];
  if (client === undefined) return 'no such client';
  try {
    // What the target has fanned out by now arrives first (no virtual time passes), so the actor acts at the current epoch.
    await world.ctx.network.advance(0);
    await client.sync();
    if (options.commit === true) {
      const got = new Set(client.received.map((r) => r.text));
      const missing = (model.owed[slot] ?? []).filter((t) => !got.has(t)).length;
      if (missing > 0) return `waits: ${missing} message(s) owed to it not delivered yet`;
    }
    await op(client);
    return undefined;
  } catch (error) {
    return `failed (${describeFailure(error)})`;
  }
}

/** One message from the `a`-th actor; the model owes it to the other members once the target accepted it. */
async function sendOne(model: FederationModel, world: ModelWorld, a: number): Promise<string> {
  const sender = nth(actors(model, world), a);
  if (sender === undefined) return 'nobody can send';
  const sent = model.sent[sender] ?? [];
  const text = `${slotName(world, sender)}#${sent.length + 1}`;
  const from = world.ctx.network.trace.length;
  const problem = await act(model, world, sender, (c) => c.send(world.group, text));
  if (problem !== undefined) return `${slotName(world, sender)} ${problem}`;
  sent.push(text);
  recordAccepted(world, text, from);
  for (const m of model.members) if (m !== sender) model.owed[m]?.push(text);
  for (const r of model.removed) model.forbidden[r]?.push(text);
  return `${text} accepted`;
}

/** A message from the `a`-th member that can act. @example send(0) */
export const send = (a: number): ModelCommand => command(`send(${a})`, (model, world) => sendOne(model, world, a));

/** The `a`-th actor adds the `b`-th outsider (DS draft "Add users to a group"). @example add(0, 1) */
export const add = (a: number, b: number): ModelCommand =>
  command(`add(${a},${b})`, async (model, world) => {
    const actor = nth(actors(model, world), a);
    const outsider = nth(world.clients.map((_, i) => i).filter((i) => !model.members.has(i) && !model.removed.has(i)), b);
    if (actor === undefined || outsider === undefined) return 'nobody to add';
    const problem = await act(model, world, actor, (c) => c.addUsers(world.group, [world.clients[outsider]?.id ?? c.id]), { commit: true });
    if (problem !== undefined) return `${slotName(world, actor)} adding ${slotName(world, outsider)} ${problem}`;
    model.members.add(outsider);
    return `${slotName(world, outsider)} added`;
  });

/** The `a`-th actor removes the `b`-th other member (DS draft "Remove users from a group"); it is never added again. @example remove(0, 1) */
export const remove = (a: number, b: number): ModelCommand => command(`remove(${a},${b})`, (model, world) => removeOne(model, world, a, b));

/** A removal, then `n` messages from the others: none of them may be sent to the removed member. @example removeThenSend(0, 1, 2) */
export const removeThenSend = (a: number, b: number, n: number): ModelCommand =>
  command(`remove-then-send(${a},${b},${n})`, async (model, world) => {
    const done = [await removeOne(model, world, a, b)];
    for (let i = 0; i < n; i++) done.push(await sendOne(model, world, a + i));
    return done.join(', ');
  });

async function removeOne(model: FederationModel, world: ModelWorld, a: number, b: number): Promise<string> {
  {
    const actor = nth(actors(model, world), a);
    const victim = nth([...model.members].filter((m) => m !== actor).sort((x, y) => x - y), b);
    if (actor === undefined || victim === undefined) return 'nobody to remove';
    const problem = await act(model, world, actor, (c) => c.removeUsers(world.group, [world.clients[victim]?.id.user ?? c.id.user]), { commit: true });
    if (problem !== undefined) return `${slotName(world, actor)} removing ${slotName(world, victim)} ${problem}`;
    model.members.delete(victim);
    model.removed.add(victim);
    return `${slotName(world, victim)} removed`;
  }
}

/** The `a`-th actor commits an update (DS draft "Update a client"). @example update(0) */
export const update = (a: number): ModelCommand =>
  command(`update(${a})`, async (model, world) => {
    const actor = nth(actors(model, world), a);
    if (actor === undefined) return 'nobody to update';
    return (await act(model, world, actor, (c) => c.update(world.group), { commit: true })) ?? 'committed';
  });

/** A fault on the target's fan-out link to peer `p`, then `n` messages: what is sent while a guest cannot be reached (or its answers are lost) must still arrive once, in order. @example burst(0, 'drop-response', 0, 2) */
export const burst = (p: number, kind: FaultKind, a: number, n: number): ModelCommand =>
  command(`burst(${p},${kind},${a},${n})`, async (model, world) => {
    const peer = nth(world.ctx.peers.slice(0, world.peersUsed), p);
    if (peer === undefined) return 'no peer';
    setFaults(world, world.ctx.target.domain, peer.dsDomain, LINK_FAULTS[kind]);
    const done: string[] = [];
    for (let i = 0; i < n; i++) done.push(await sendOne(model, world, a + i));
    return `${kind} on target -> ${peer.dsDomain}; ${done.join(', ')}`;
  });

