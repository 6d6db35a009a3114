import type { LinkFaults } from '../network/index.js';
import type { VirtualClient } from '../scenario/index.js';
import type { CheckContext } from './check.js';

/**
 * The model of a property run (issue 10 §3 properties): who is in the
 * group on the target's DS, what each member is owed, what each removed
 * member must never be sent, and which faults are on. Commands update it
 * from what the target answered: an operation the target refused (or never
 * saw) changes nothing, in the model as in the clients.
 */
export interface FederationModel {
  /** Client slots in the group now. */
  readonly members: Set<number>;
  /** Client slots removed from the group (never added again). */
  readonly removed: Set<number>;
  /** Per slot: the texts sent to it while it was a member (by others), in send order. */
  readonly owed: string[][];
  /** Per slot: the texts accepted after its removal, which the target must not send to it. */
  readonly forbidden: string[][];
  /** Per sender slot: the texts it sent that the target accepted, in order. */
  readonly sent: string[][];
  /** Harness peers (by index) that are down. */
  readonly crashed: Set<number>;
  targetDown: boolean;
  /** What each command did, for the evidence. */
  readonly log: string[];
}

/** The real side of a property run: the group on the target's DS and the harness clients, spread over `peersUsed` harness peers. */
export interface ModelWorld {
  readonly ctx: CheckContext;
  readonly group: Uint8Array;
  /** Every client slot, members and outsiders alike. */
  readonly clients: readonly VirtualClient[];
  /** The harness peer (index into ctx.peers) of each slot. */
  readonly peerOf: readonly number[];
  readonly peersUsed: number;
  /** The network's trace length when the run started: the run's own exchanges come after it. */
  readonly traceStart: number;
  /** Links whose faults a command set, as `from|to`, with their faults, to clear on healing. */
  readonly faultyLinks: Map<string, LinkFaults>;
  /** Harness peers (by index) a command partitioned from the target. */
  readonly partitioned: Set<number>;
  /** Per accepted text, the hex of the PrivateMessage the target accepted (from the trace), to recognise its fan-out. */
  readonly wireOf: Map<string, string>;
}

/** The model at the start of a run: `initial` slots are members, the others outsiders. @example const model = initialModel(5, 3); */
export function initialModel(slots: number, initial: number): FederationModel {
  const none = () => Array.from({ length: slots }, (): string[] => []);
  return { members: new Set(Array.from({ length: initial }, (_, i) => i)), removed: new Set(), owed: none(), forbidden: none(), sent: none(), crashed: new Set(), targetDown: false, log: [] };
}

/** A slot's name in the evidence: its user and peer. @example slotName(world, 2) // 'r1c2@peer-c.test' */
export function slotName(world: ModelWorld, slot: number): string {
  const client = world.clients[slot];
  return client === undefined ? `slot ${slot}` : `${client.id.user.user_name}@${client.id.user.domain}`;
}

/** Adds faults to one link (on top of those it has) and remembers it for healing. @example setFaults(world, 'target.test', 'ds.peer-a.test', { dropResponse: 1 }) */
export function setFaults(world: ModelWorld, from: string, to: string, faults: LinkFaults): void {
  const key = `${from}|${to}`;
  const merged = { ...(world.faultyLinks.get(key) ?? {}), ...faults };
  world.ctx.network.setLinkFaults(from, to, merged);
  world.faultyLinks.set(key, merged);
}

/**
 * Heals everything: partitions and link faults go, crashed harness peers
 * and the target come back, each from its durable state as a restarted
 * process would (the runner's hosts restart their providers).
 *
 * @example
 * healAll(world, model);
 */
export function healAll(world: ModelWorld, model: FederationModel): void {
  const { network } = world.ctx;
  network.heal();
  world.partitioned.clear();
  for (const link of world.faultyLinks.keys()) {
    const [from = '', to = ''] = link.split('|');
    network.setLinkFaults(from, to, undefined);
  }
  world.faultyLinks.clear();
  for (const index of model.crashed) restartPeer(world, index);
  model.crashed.clear();
  if (model.targetDown) network.restart(world.ctx.target.domain);
  model.targetDown = false;
}

/** Restarts a harness peer's host; its provider comes back from its durable state. @example restartPeer(world, 1) */
export function restartPeer(world: ModelWorld, index: number): void {
  const peer = world.ctx.peers[index];
  if (peer === undefined) return;
  world.ctx.network.restart(peer.domain);
}
