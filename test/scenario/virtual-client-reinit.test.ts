import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agreesWithDs } from '../../harness/mls/index.js';
import { createFederation, createVirtualClient, ownerOf, type Federation } from '../../harness/scenario/index.js';

let federation: Federation;
beforeEach(async () => {
  federation = await createFederation({ seed: 9, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }], transport: 'direct' });
});
afterEach(async () => {
  await federation.dispose();
});

const client = (user: string, domain: string, device = 'phone') => ({ user: { user_name: user, domain }, client_name: device });

describe('a virtual client re-initializes a group (DS draft "ReInitialize a group")', () => {
  it('suspends the old group and brings every member, its own other device too, into the new one', async () => {
    const alice = await createVirtualClient(federation, client('alice', 'alpha.test'));
    const laptop = await createVirtualClient(federation, client('alice', 'alpha.test', 'laptop'));
    const bob = await createVirtualClient(federation, client('bob', 'beta.test'));
    const everyone = [alice, laptop, bob];
    const settle = async () => {
      await federation.settle();
      for (const c of everyone) await c.sync();
    };
    const old = await alice.createGroup();
    await alice.addUsers(old, [bob.id]);
    await alice.addClients(old, [laptop.id]);
    await settle();
    const next = await alice.reinit(old);
    await settle();
    const owner = federation.provider('alpha.test');
    expect(ownerOf(next)).toBe('ds.alpha.test');
    expect(owner.group(old)?.suspended).toBe(true);
    const ds = owner.group(next);
    if (ds === undefined) throw new Error('the DS has no new group');
    for (const c of everyone) {
      const member = c.member(next);
      expect(member === undefined ? false : agreesWithDs(member, ds), c.id.client_name).toBe(true);
      expect(c.member(old)?.state.groupActiveState.kind).toBe('suspendedPendingReinit');
      expect(c.failures).toEqual([]);
    }
    await bob.send(next, 'in the new group');
    await settle();
    expect([alice, laptop].map((c) => c.received.map((r) => r.text))).toEqual([['in the new group'], ['in the new group']]);
  });
});
