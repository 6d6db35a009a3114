import { healAll, restartPeer, setFaults } from './model-state.js';
import { command, LINK_FAULTS, nth, type FaultKind, type ModelCommand } from './model-step.js';
import { reflectFanOut } from './model-wire.js';

/** Faults on the target's fan-out link to a peer's DS (any kind), or on the peer's link to the target (only what leaves a client's operation all-or-nothing: no lost answers, no duplicates; the commands use delays only). @example fault(0, 'drop-response', false) */
export const fault = (p: number, kind: FaultKind, toTarget: boolean): ModelCommand =>
  command(`fault(${p},${kind}${toTarget ? ',to-target' : ''})`, (_model, world) => {
    const peer = nth(world.ctx.peers.slice(0, world.peersUsed), p);
    if (peer === undefined) return Promise.resolve('no peer');
    if (toTarget) setFaults(world, peer.domain, world.ctx.target.dsDomain, LINK_FAULTS[kind]);
    else setFaults(world, world.ctx.target.domain, peer.dsDomain, LINK_FAULTS[kind]);
    return Promise.resolve(`${kind} on ${toTarget ? `${peer.domain} -> target` : `target -> ${peer.dsDomain}`}`);
  });

/** Partitions the target from peer `p` (both ways) until a heal. @example partition(1) */
export const partition = (p: number): ModelCommand =>
  command(`partition(${p})`, (_model, world) => {
    const peer = nth(world.ctx.peers.slice(0, world.peersUsed), p);
    if (peer === undefined) return Promise.resolve('no peer');
    world.ctx.network.partition([world.ctx.target.domain], [peer.domain]);
    world.partitioned.add(world.ctx.peers.indexOf(peer));
    return Promise.resolve(`target | ${peer.domain}`);
  });

/** Heals every partition and link fault and brings back what is down. @example heal() */
export const heal = (): ModelCommand =>
  command('heal', (model, world) => {
    healAll(world, model);
    return Promise.resolve('healed');
  });

/** Crashes harness peer `p` (its clients do nothing while it is down). @example crash(0) */
export const crash = (p: number): ModelCommand =>
  command(`crash(${p})`, (model, world) => {
    const index = p % world.peersUsed;
    const peer = world.ctx.peers[index];
    if (peer === undefined || model.crashed.has(index)) return Promise.resolve('already down');
    world.ctx.network.crash(peer.domain);
    model.crashed.add(index);
    return Promise.resolve(`${peer.domain} down`);
  });

/** Restarts harness peer `p` from its durable state, if it is down. @example restart(0) */
export const restart = (p: number): ModelCommand =>
  command(`restart(${p})`, (model, world) => {
    const index = p % world.peersUsed;
    if (!model.crashed.has(index)) return Promise.resolve('not down');
    restartPeer(world, index);
    model.crashed.delete(index);
    return Promise.resolve(`${world.ctx.peers[index]?.domain ?? '?'} up`);
  });

/**
 * The target crashes and comes back after `ms` of virtual time: its durable
 * state (the outbox included) must survive. While it is down it also sends
 * nothing (a crashed process does not; an in-process target's background
 * work would otherwise go on), so it is cut off from every peer meanwhile.
 *
 * @example bounceTarget(5_000)
 */
export const bounceTarget = (ms: number): ModelCommand =>
  command(`restart-target(${ms})`, async (model, world) => {
    const { network, target, peers } = world.ctx;
    network.crash(target.domain);
    network.partition([target.domain], peers.map((p) => p.domain));
    model.targetDown = true;
    await network.advance(ms);
    network.restart(target.domain);
    model.targetDown = false;
    // Back up: only the partitions the commands made stay.
    network.heal();
    for (const index of world.partitioned) network.partition([target.domain], [peers[index]?.domain ?? target.domain]);
    return 'restarted';
  });

/** Lets `ms` of virtual time pass (retries run), then every client whose peer is up takes its queue. @example advance(5_000) */
export const advance = (ms: number): ModelCommand =>
  command(`advance(${ms})`, async (model, world) => {
    await world.ctx.network.advance(ms);
    for (const [slot, client] of world.clients.entries()) if (!model.crashed.has(world.peerOf[slot] ?? 0)) await client.sync();
    return 'synced';
  });

/** Sends the latest captured fan-out to peer `p` back to the target; accepting it fails the run (profile §6). @example reflect(0) */
export const reflect = (p: number): ModelCommand =>
  command(`reflect(${p})`, async (_model, world) => {
    const outcome = await reflectFanOut(world, p);
    if (outcome.accepted) throw new Error(`forwarding violation accepted: ${outcome.detail}`);
    return outcome.detail;
  });

