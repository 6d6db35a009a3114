import type { ClientId } from '../messages/index.js';
import type { VirtualClient } from '../scenario/index.js';
import { settleFlow } from './flow-clients.js';
import { command, flowClient, flowGroup, liveWith, modelGroup, type FlowClient, type FlowCommand, type FlowModel, type FlowReal } from './flow-command.js';

/** Where a flow's group lives: the target's DS (default) or a harness peer's DS. @example createGroup('g', 'alice', { peer: 0 }) */
export type GroupHome = 'target' | { readonly peer: number };

function harnessOnly(c: FlowClient, what: string): VirtualClient {
  if (c.kind !== 'harness') throw new Error(`${what} by a target client is not part of the control interface`);
  return c.client;
}

function idsOf(model: Readonly<FlowModel>, names: readonly string[]): ClientId[] {
  return names.map((n) => {
    const id = model.clients.get(n);
    if (id === undefined) throw new Error(`the flow has no client ${n}`);
    return id;
  });
}

/** A member commit: the pending self-removes it includes by reference take effect (DS draft §5: every commit includes every stored proposal). */
function committed(model: FlowModel, group: string): void {
  const g = modelGroup(model, group);
  for (const name of g.pending) g.members.delete(name);
  g.pending.clear();
}

/** A group operation by a member, then everyone settles and reads their queue. */
function op(name: string, group: string, by: string, others: readonly string[], act: (c: FlowClient, id: Uint8Array, real: FlowReal, model: FlowModel) => Promise<void>, after: (model: FlowModel) => void): FlowCommand {
  return command(name, (m) => liveWith(m, group, [by]) && others.every((o) => m.clients.has(o)), async (model, real) => {
    await act(flowClient(real, by), flowGroup(real, group), real, model);
    after(model);
    await settleFlow(real);
  });
}

/**
 * DS draft "Create group": `by` creates `group` on the target's DS (or a harness peer's).
 *
 * @example
 * createGroup('g', 'alice')
 */
export function createGroup(group: string, by: string, home: GroupHome = 'target'): FlowCommand {
  return command(`${by} creates ${group} on ${home === 'target' ? "the target's DS" : `peer ${home.peer}'s DS`}`, (m) => m.clients.has(by) && !m.groups.has(group), async (model, real) => {
    const c = flowClient(real, by);
    const dsDomain = home === 'target' ? real.ctx.target.dsDomain : real.ctx.peers[home.peer]?.dsDomain;
    if (dsDomain === undefined) throw new Error(`no harness peer ${JSON.stringify(home)}`);
    real.groups.set(group, c.kind === 'harness' ? await c.client.createGroup('regular', { dsDomain }) : await c.client.createGroup('regular'));
    model.groups.set(group, { members: new Set([by]), sent: [], pending: new Set(), state: 'live' });
  });
}

/** DS draft "Add users to a group". @example addUsers('g', 'alice', ['bob']) */
export function addUsers(group: string, by: string, names: readonly string[]): FlowCommand {
  return op(`${by} adds ${names.join(', ')} to ${group}`, group, by, names, (c, id, _r, m) => c.client.addUsers(id, idsOf(m, names)), (m) => {
    committed(m, group);
    for (const n of names) modelGroup(m, group).members.add(n);
  });
}

/** DS draft "Add clients to a group" (another client of a member's user). @example addClients('g', 'bob', ['bob-laptop']) */
export function addClients(group: string, by: string, names: readonly string[]): FlowCommand {
  return op(`${by} adds clients ${names.join(', ')} to ${group}`, group, by, names, (c, id, _r, m) => harnessOnly(c, 'AddClients').addClients(id, idsOf(m, names)), (m) => {
    committed(m, group);
    for (const n of names) modelGroup(m, group).members.add(n);
  });
}

/** DS draft "Remove users from a group": every client of the named clients' users goes. @example removeUsers('g', 'charlie', ['alice']) */
export function removeUsers(group: string, by: string, names: readonly string[]): FlowCommand {
  return op(`${by} removes the user(s) of ${names.join(', ')} from ${group}`, group, by, names, (c, id, _r, m) => c.client.removeUsers(id, idsOf(m, names).map((x) => x.user)), (m) => {
    committed(m, group);
    const users = new Set(idsOf(m, names).map((x) => `${x.user.user_name}@${x.user.domain}`));
    const g = modelGroup(m, group);
    for (const member of [...g.members]) {
      const x = m.clients.get(member);
      if (x !== undefined && users.has(`${x.user.user_name}@${x.user.domain}`)) g.members.delete(member);
    }
  });
}

/** DS draft "Remove clients from a group". @example removeClients('g', 'bob-laptop', ['bob']) */
export function removeClients(group: string, by: string, names: readonly string[]): FlowCommand {
  return op(`${by} removes clients ${names.join(', ')} from ${group}`, group, by, names, (c, id, _r, m) => harnessOnly(c, 'RemoveClients').removeClients(id, idsOf(m, names)), (m) => {
    committed(m, group);
    for (const n of names) modelGroup(m, group).members.delete(n);
  });
}

/** DS draft "Update a client in a group" (commits pending proposals too). @example update('g', 'alice') */
export function update(group: string, by: string): FlowCommand {
  return op(`${by} updates in ${group}`, group, by, [], (c, id) => c.client.update(id), (m) => {
    committed(m, group);
  });
}

/** DS draft "Self remove a client from a group": a proposal; the next member commit removes `by`. @example selfRemove('g', 'bob') */
export function selfRemove(group: string, by: string): FlowCommand {
  return op(`${by} proposes its self-remove from ${group}`, group, by, [], (c, id) => c.client.selfRemove(id), (m) => modelGroup(m, group).pending.add(by));
}

/** DS draft "Send an application message to a group". @example send('g', 'alice', 'hello') */
export function send(group: string, by: string, text: string): FlowCommand {
  return op(`${by} sends "${text}" in ${group}`, group, by, [], (c, id) => c.client.send(id, text), (m) => {
    const g = modelGroup(m, group);
    g.sent.push({ text, from: by, to: new Set([...g.members].filter((n) => n !== by)) });
  });
}

/**
 * DS draft "Join a group by external commit" through /external_commit_information;
 * by a member, a resync (its old leaf is removed). Pending self-removes stay pending.
 *
 * @example
 * externalJoin('g', 'bob-laptop')
 */
export function externalJoin(group: string, by: string): FlowCommand {
  return command(`${by} joins ${group} by external commit`, (m) => liveWith(m, group, []) && m.clients.has(by), async (model, real) => {
    await flowClient(real, by).client.externalJoin(flowGroup(real, group));
    modelGroup(model, group).members.add(by);
    await settleFlow(real);
  });
}

/** A resync: a member rejoins by external commit (same as {@link externalJoin}, named for the script). @example resync('g', 'bob') */
export function resync(group: string, by: string): FlowCommand {
  const join = externalJoin(group, by);
  return { check: (m) => liveWith(m, group, [by]) && join.check(m), run: (m, r) => join.run(m, r), toString: () => `${by} resyncs in ${group} by external commit` };
}

/** DS draft "ReInitialize a group": the old group is suspended; `next` has every member. @example reinit('g', 'alice', 'g2') */
export function reinit(group: string, by: string, next: string): FlowCommand {
  return command(`${by} re-initializes ${group} as ${next}`, (m) => liveWith(m, group, [by]) && !m.groups.has(next), async (model, real) => {
    real.groups.set(next, await harnessOnly(flowClient(real, by), 'ReInit').reinit(flowGroup(real, group)));
    committed(model, group);
    const old = modelGroup(model, group);
    old.state = 'suspended';
    model.groups.set(next, { members: new Set(old.members), sent: [], pending: new Set(), state: 'live' });
    await settleFlow(real);
  });
}

/** DS draft "Delete a group". @example deleteGroup('g', 'alice') */
export function deleteGroup(group: string, by: string): FlowCommand {
  return op(`${by} deletes ${group}`, group, by, [], (c, id) => harnessOnly(c, 'DeleteGroup').deleteGroup(id), (m) => {
    const g = modelGroup(m, group);
    g.state = 'deleted';
    g.members.clear();
  });
}
