import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encodeGroupContext } from 'ts-mls/groupContext.js';
import { encodeRatchetTree } from 'ts-mls/ratchetTree.js';
import type { ClientId } from '../../harness/messages/index.js';
import { createFederation, createVirtualClient, type Federation, type VirtualClient } from '../../harness/scenario/index.js';

const client = (user: string, domain: string, device = 'phone'): ClientId => ({ user: { user_name: user, domain }, client_name: device });
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

let federation: Federation;
beforeEach(async () => {
  federation = await createFederation({ seed: 5, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }, { domain: 'gamma.test' }] });
});
afterEach(async () => {
  await federation.dispose();
});

/** Delivers everything: outboxes drain, then every client processes its queue. */
async function settle(clients: readonly VirtualClient[]): Promise<void> {
  await federation.settle();
  for (const c of clients) await c.sync();
}

/** Every client still in the group is at the DS's epoch with its GroupContext and tree, byte for byte. */
function expectAtDsState(groupId: Uint8Array, members: readonly VirtualClient[]): void {
  const ds = federation.provider('alpha.test').group(groupId);
  if (ds === undefined) throw new Error('the DS has no such group');
  for (const m of members) {
    const state = m.member(groupId)?.state;
    const name = `${m.id.client_name}/${m.id.user.user_name}`;
    expect(state?.groupContext.epoch, `epoch of ${name}`).toBe(ds.groupContext.epoch);
    expect(hex(encodeGroupContext(state?.groupContext ?? ds.groupContext)), `GroupContext of ${name}`).toBe(hex(encodeGroupContext(ds.groupContext)));
    expect(hex(encodeRatchetTree(state?.ratchetTree ?? [])), `tree of ${name}`).toBe(hex(encodeRatchetTree(ds.ratchetTree)));
  }
}

describe('three providers, one group, the whole lifecycle over TLS', () => {
  it('create, invite across providers, message, second device, remove, self-remove, external join, delete', async () => {
    const alice = await createVirtualClient(federation, client('alice', 'alpha.test'));
    const bob = await createVirtualClient(federation, client('bob', 'beta.test'));
    const bobLaptop = await createVirtualClient(federation, client('bob', 'beta.test', 'laptop'));
    const carol = await createVirtualClient(federation, client('carol', 'gamma.test'));
    const everyone = [alice, bob, bobLaptop, carol];

    const group = await alice.createGroup();
    await alice.addUsers(group, [bob.id, carol.id]);
    await settle(everyone);
    expectAtDsState(group, [alice, bob, carol]);

    await alice.send(group, 'hello from alpha');
    await settle(everyone);
    await bob.addClients(group, [bobLaptop.id]);
    await settle(everyone);
    expectAtDsState(group, [alice, bob, bobLaptop, carol]);
    await carol.send(group, 'hello from gamma');
    await settle(everyone);

    await alice.removeUsers(group, [carol.id.user]);
    await settle(everyone);
    expect(carol.member(group)).toBeUndefined();
    expectAtDsState(group, [alice, bob, bobLaptop]);

    await bobLaptop.selfRemove(group);
    await settle(everyone);
    await alice.update(group); // commits the stored self-remove by reference
    await settle(everyone);
    expect(bobLaptop.member(group)).toBeUndefined();
    expectAtDsState(group, [alice, bob]);

    await bobLaptop.externalJoin(group); // bob is still in the group, so his laptop may join by itself
    await settle(everyone);
    expectAtDsState(group, [alice, bob, bobLaptop]);
    await bobLaptop.send(group, 'laptop is back');
    await settle(everyone);

    await alice.deleteGroup(group);
    await settle(everyone);
    expect(federation.provider('alpha.test').group(group)).toBeUndefined();
    expect([bob.member(group), bobLaptop.member(group)]).toEqual([undefined, undefined]);

    // Every message arrived exactly once, and never back to its sender.
    const texts = (c: VirtualClient) => c.received.map((r) => r.text);
    expect(texts(alice)).toEqual(['hello from gamma', 'laptop is back']);
    expect(texts(bob)).toEqual(['hello from alpha', 'hello from gamma', 'laptop is back']);
    expect(texts(bobLaptop)).toEqual(['hello from gamma']);
    expect(texts(carol)).toEqual(['hello from alpha']);
    for (const c of everyone) expect(c.failures, `${c.id.user.user_name}/${c.id.client_name}`).toEqual([]);
    expect(federation.providers.map((p) => p.outbox.store.refused.length)).toEqual([0, 0, 0]);

    // It all went over the transport: every exchange over TLS 1.3, fan-out to both guests, joins through the DS.
    const trace = federation.network.trace;
    expect(trace.every((e) => e.tls?.protocol === 'TLSv1.3' && e.error === null)).toBe(true);
    const seen = new Set(trace.map((e) => `${e.source}->${e.destination}${e.path} ${e.status ?? 'none'}`));
    for (const exchange of [
      'alpha.test->ds.beta.test/group_key_packages 200',
      'beta.test->ds.alpha.test/verification_key 200',
      'alpha.test->ds.beta.test/deliver_message 200',
      'alpha.test->ds.gamma.test/deliver_message 200',
      'beta.test->ds.alpha.test/welcome_information 200',
      'beta.test->ds.alpha.test/external_commit_information 200',
      'gamma.test->ds.alpha.test/group_operation 200',
    ]) {
      expect(seen, exchange).toContain(exchange);
    }
  });
});
