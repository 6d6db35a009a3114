import type { UserId } from '../messages/index.js';
import type { VirtualClient } from '../scenario/index.js';
import { harnessClient, settleTarget, type ClientSpec } from './ds-world.js';
import { command, flowClient, type FlowCommand, type FlowReal } from './flow-command.js';

/** KeyPackage options of a flow client (see createVirtualClient). @example const few: KeyPackageOptions = { keyPackages: 1, lastResort: true }; */
export interface KeyPackageOptions {
  readonly keyPackages?: number;
  readonly lastResort?: boolean;
}

/**
 * Lets everything settle (settleTarget), then every client of the flow takes
 * and processes its queue: the harness's at their peers, the target's through
 * its control interface ("read a queue", issue 10 §2).
 *
 * @example
 * await settleFlow(real);
 */
export async function settleFlow(real: FlowReal, options: { readonly virtualMs?: number } = {}): Promise<void> {
  const harness: VirtualClient[] = [];
  for (const c of real.clients.values()) if (c.kind === 'harness') harness.push(c.client);
  await settleTarget(real.ctx, harness, options);
  for (const c of real.clients.values()) if (c.kind === 'target') await c.client.sync();
  // The target's clients may have answered (a Welcome's /welcome_information): settle once more.
  await settleTarget(real.ctx, harness);
}

/**
 * A harness client at a harness peer, under a flow name.
 *
 * @example
 * harnessUser('bob', { user: 'bob', peer: 1 })
 */
export function harnessUser(name: string, spec: ClientSpec, options: KeyPackageOptions = {}): FlowCommand {
  return command(`${name} is a client of harness peer ${spec.peer ?? 0}`, (m) => !m.clients.has(name), async (model, real) => {
    const client = await harnessClient(real.ctx, spec, options);
    real.clients.set(name, { kind: 'harness', client });
    model.clients.set(name, client.id);
  });
}

/**
 * A client of the target, provisioned through its control interface (the
 * check needs `control`), under a flow name.
 *
 * @example
 * targetUser('tina', { user: 'tina' }, { keyPackages: 1 })
 */
export function targetUser(name: string, spec: { readonly user: string; readonly device?: string }, options: KeyPackageOptions = {}): FlowCommand {
  return command(`${name} is a client of the target (control)`, (m) => !m.clients.has(name), async (model, real) => {
    const control = real.ctx.control;
    if (control === undefined) throw new Error('the flow needs the target\'s control interface');
    const client = await control.createClient({ user: { user_name: spec.user, domain: real.ctx.target.domain }, client_name: spec.device ?? 'phone' }, options);
    real.clients.set(name, { kind: 'target', client });
    model.clients.set(name, client.id);
  });
}

/** Every client takes its queue ("read a queue"). @example readQueues() */
export function readQueues(): FlowCommand {
  return command('everyone reads their queue', () => true, async (_model, real) => settleFlow(real));
}

/** Advances the virtual clock, then settles (retries run). @example advanceClock(61 * 60 * 1000) */
export function advanceClock(ms: number): FlowCommand {
  return command(`the virtual clock advances ${ms} ms`, () => true, async (_model, real) => settleFlow(real, { virtualMs: ms }));
}

/**
 * Connection establishment (DS draft "Connection establishment flow"): a
 * harness client fetches the connection KeyPackages of `to`'s user from its
 * provider (/connection_key_packages), creates a connection group on its own
 * DS and adds them; its DS sends the Welcome as a /connection_request.
 * The model's group `group` then has both clients.
 *
 * @example
 * connect('conn', 'alice', 'tina')
 */
export function connect(group: string, by: string, to: string): FlowCommand {
  return command(`${by} connects to ${to}'s user (connection group ${group})`, (m) => m.clients.has(by) && m.clients.has(to) && !m.groups.has(group), async (model, real) => {
    const client = flowClient(real, by);
    const user: UserId | undefined = model.clients.get(to)?.user;
    if (client.kind !== 'harness' || user === undefined) throw new Error('a connection is made by a harness client');
    real.groups.set(group, await client.client.connect(user));
    model.groups.set(group, { members: new Set([by, to]), sent: [], pending: new Set(), state: 'live' });
    await settleFlow(real);
  });
}
