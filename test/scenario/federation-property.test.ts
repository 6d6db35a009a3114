import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ClientId } from '../../harness/messages/index.js';
import { agreesWithDs } from '../../harness/mls/index.js';
import { createFederation, createVirtualClient, type Federation, type VirtualClient } from '../../harness/scenario/index.js';

/** Runs of the federation property; MIMI_FEDERATION_RUNS for longer ones. */
const RUNS = Number(process.env.MIMI_FEDERATION_RUNS ?? 6);
const GUESTS = ['beta.test', 'gamma.test'] as const;
/** Any provider may crash, the group's owner too: its outbox must survive. */
const HOSTS = ['alpha.test', ...GUESTS] as const;
const USERS: readonly ClientId[] = [
  { user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' },
  { user: { user_name: 'erin', domain: 'alpha.test' }, client_name: 'phone' },
  { user: { user_name: 'bob', domain: 'beta.test' }, client_name: 'phone' },
  { user: { user_name: 'dave', domain: 'beta.test' }, client_name: 'phone' },
  { user: { user_name: 'carol', domain: 'gamma.test' }, client_name: 'phone' },
];
const OPERATIONS = ['add', 'remove', 'send', 'update', 'self-remove', 'partition', 'heal', 'crash', 'restart', 'wait'] as const;
type Step = { readonly op: (typeof OPERATIONS)[number]; readonly a: number; readonly b: number };

/** The model: who is in the group, who has proposed to leave, which faults are on, what each client must receive. */
interface Model {
  readonly members: Set<number>;
  readonly leaving: Set<number>;
  readonly partitioned: Set<string>;
  readonly crashed: Set<string>;
  /** Per client, the messages sent while it was a member (it may miss those of a membership it never joined). */
  readonly expected: string[][];
  /** Per client, how many messages had been sent when it was last added: it must receive every later one. */
  readonly since: number[];
  sent: number;
}

const pick = <T>(items: readonly T[], n: number): T | undefined => items[n % Math.max(1, items.length)];

/**
 * One step against the federation. An operation the network or the DS
 * refuses changes neither the model nor (checked at the end) any state: a
 * client adopts its new MLS state only on the DS's ok.
 */
async function apply(f: Federation, clients: readonly VirtualClient[], group: Uint8Array, model: Model, step: Step): Promise<void> {
  const members = [...model.members].sort();
  const actors = members.filter((m) => !model.leaving.has(m));
  const actor = pick(actors, step.a);
  const attempt = async (run: () => Promise<unknown>): Promise<boolean> => {
    try {
      await run();
      return true;
    } catch {
      return false;
    }
  };
  switch (step.op) {
    case 'add': {
      const outsider = pick(USERS.map((_, i) => i).filter((i) => !model.members.has(i)), step.b);
      if (actor === undefined || outsider === undefined) return;
      if (await attempt(() => clients[actor]?.addUsers(group, [USERS[outsider] as ClientId]) ?? Promise.reject(new Error('no client')))) {
        model.members.add(outsider);
        model.since[outsider] = model.sent;
        // The commit included every stored self-remove by reference.
        for (const l of model.leaving) model.members.delete(l);
        model.leaving.clear();
      }
      return;
    }
    case 'remove': {
      const victim = pick(actors.filter((m) => m !== actor), step.b);
      if (actor === undefined || victim === undefined) return;
      if (await attempt(() => clients[actor]?.removeUsers(group, [USERS[victim]?.user ?? never()]) ?? Promise.reject(new Error('no client')))) {
        model.members.delete(victim);
        for (const l of model.leaving) model.members.delete(l);
        model.leaving.clear();
      }
      return;
    }
    case 'update': {
      if (actor === undefined) return;
      if (await attempt(() => clients[actor]?.update(group) ?? Promise.reject(new Error('no client')))) {
        for (const l of model.leaving) model.members.delete(l);
        model.leaving.clear();
      }
      return;
    }
    case 'self-remove': {
      const leaver = pick(actors, step.b);
      if (leaver === undefined || actors.length < 2) return;
      if (await attempt(() => clients[leaver]?.selfRemove(group) ?? Promise.reject(new Error('no client')))) model.leaving.add(leaver);
      return;
    }
    case 'send': {
      const sender = pick(members, step.a);
      if (sender === undefined) return;
      const text = `m${++model.sent}`;
      if (await attempt(() => clients[sender]?.send(group, text) ?? Promise.reject(new Error('no client')))) {
        for (const m of model.members) if (m !== sender) model.expected[m]?.push(text);
      }
      return;
    }
    case 'partition': {
      const guest = pick(GUESTS, step.b) ?? 'beta.test';
      f.network.partition(['alpha.test'], [guest]);
      model.partitioned.add(guest);
      return;
    }
    case 'heal':
      f.network.heal();
      model.partitioned.clear();
      return;
    case 'crash': {
      const guest = pick(HOSTS, step.b) ?? 'beta.test';
      if (!model.crashed.has(guest)) f.network.crash(guest);
      model.crashed.add(guest);
      return;
    }
    case 'restart':
      for (const guest of model.crashed) f.network.restart(guest);
      model.crashed.clear();
      return;
    case 'wait':
      // Time passes: the outbox retries, whatever can be delivered is, and clients read their queues.
      await f.network.advance(1_000 + (step.b % 60_000));
      for (const c of clients) await c.sync();
      return;
  }
}

function never(): never {
  throw new Error('unreachable');
}

describe('a federation under random operations and faults (issue 5 §3: no loss, no duplicates)', () => {
  it(`after healing, every member holds the DS's state and received exactly the messages sent to it (${RUNS} runs; MIMI_FEDERATION_RUNS for more)`, async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.record({ op: fc.constantFrom(...OPERATIONS), a: fc.nat(), b: fc.nat() }), { minLength: 4, maxLength: 14 }), async (steps) => {
        const f = await createFederation({ seed: 30, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }, { domain: 'gamma.test' }], transport: 'direct' });
        try {
          const clients = await Promise.all(USERS.map((id) => createVirtualClient(f, id, { keyPackages: 8 })));
          const group = await (clients[0] ?? never()).createGroup();
          const model: Model = { members: new Set([0]), leaving: new Set(), partitioned: new Set(), crashed: new Set(), expected: USERS.map(() => []), since: USERS.map(() => 0), sent: 0 };
          for (const step of steps) await apply(f, clients, group, model, step);
          // Heal everything, restart what is down, let every outbox drain, and let every client read its queue.
          f.network.heal();
          for (const host of model.crashed) f.network.restart(host);
          await f.settle();
          for (let round = 0; round < 2; round++) for (const c of clients) await c.sync();
          const ds = f.provider('alpha.test').group(group) ?? never();
          clients.forEach((c, i) => {
            const member = c.member(group);
            if (model.members.has(i)) expect(member !== undefined && agreesWithDs(member, ds), `${c.id.user.user_name} agrees with the DS`).toBe(true);
            else expect(member, `${c.id.user.user_name} is not in the group`).toBeUndefined();
            const got = c.received.map((r) => r.text);
            const expected = model.expected[i] ?? [];
            // Nothing twice, nothing unexpected, in the order sent...
            expect(new Set(got).size, `duplicates for ${c.id.user.user_name}`).toBe(got.length);
            expect(got.every((t) => expected.includes(t)) && got.every((t, k) => k === 0 || expected.indexOf(t) > expected.indexOf(got[k - 1] ?? '')), `order of ${c.id.user.user_name}: ${got.join(',')} vs ${expected.join(',')}`).toBe(true);
            // ...and a member misses nothing sent since it was last added.
            if (model.members.has(i)) {
              const required = expected.filter((t) => Number(t.slice(1)) > (model.since[i] ?? 0));
              expect(required.filter((t) => !got.includes(t)), `missed by ${c.id.user.user_name}`).toEqual([]);
            }
            expect(c.failures, `failures of ${c.id.user.user_name}: ${c.failures.join("; ")}`).toEqual([]);
          });
          expect(f.providers.map((p) => p.outbox.store.refused.length)).toEqual([0, 0, 0]);
        } finally {
          await f.dispose();
        }
      }),
      { numRuns: RUNS },
    );
  }, 300_000);
});
