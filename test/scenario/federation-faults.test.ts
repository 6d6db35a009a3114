import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClientId } from '../../harness/messages/index.js';
import { createFederation, createVirtualClient, type Federation, type VirtualClient } from '../../harness/scenario/index.js';

const client = (user: string, domain: string, device = 'phone'): ClientId => ({ user: { user_name: user, domain }, client_name: device });

let federation: Federation;
let alice: VirtualClient;
let bob: VirtualClient;
let carol: VirtualClient;
let group: Uint8Array;

beforeEach(async () => {
  federation = await createFederation({ seed: 6, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }, { domain: 'gamma.test' }] });
  alice = await createVirtualClient(federation, client('alice', 'alpha.test'));
  bob = await createVirtualClient(federation, client('bob', 'beta.test'));
  carol = await createVirtualClient(federation, client('carol', 'gamma.test'));
  group = await alice.createGroup();
  await alice.addUsers(group, [bob.id, carol.id]);
  await federation.settle();
  for (const c of [bob, carol]) await c.sync();
});
afterEach(async () => {
  await federation.dispose();
});

const texts = (c: VirtualClient) => c.received.map((r) => r.text);
const exchanges = (pattern: string) => federation.network.trace.filter((e) => `${e.source}->${e.destination}${e.path}` === pattern);

describe('fan-out survives faults: nothing lost, nothing twice, order kept', () => {
  it('a partitioned guest gets everything, in order, once the partition heals', async () => {
    federation.network.partition(['alpha.test'], ['beta.test']);
    for (const text of ['one', 'two', 'three']) await alice.send(group, text);
    await federation.network.advance(120_000);
    await carol.sync();
    await bob.sync();
    expect(texts(carol)).toEqual(['one', 'two', 'three']);
    expect(texts(bob)).toEqual([]);
    expect(federation.provider('alpha.test').outbox.pending()).toBe(3);
    federation.network.heal();
    await federation.settle();
    await bob.sync();
    expect(texts(bob)).toEqual(['one', 'two', 'three']);
    // It kept retrying with backoff on the virtual clock while the link was down.
    expect(exchanges('alpha.test->ds.beta.test/deliver_message').filter((e) => e.status === null).length).toBeGreaterThan(3);
  });

  it('a guest that is down gets everything after its restart; the owning DS restarted meanwhile resumes its durable outbox', async () => {
    federation.network.crash('beta.test');
    await alice.send(group, 'while beta was down');
    await federation.network.advance(10_000);
    federation.network.restart('alpha.test'); // the owner restarts with the entry still pending
    await alice.send(group, 'after alpha restarted');
    await federation.network.advance(10_000);
    expect(federation.provider('alpha.test').outbox.pending()).toBe(2);
    federation.network.restart('beta.test');
    await federation.settle();
    await bob.sync();
    expect(texts(bob)).toEqual(['while beta was down', 'after alpha restarted']);
    expect(bob.failures).toEqual([]);
  });

  it('lost answers make the DS retry; the guest queues each message once, even across its own restart', async () => {
    federation.network.setLinkFaults('alpha.test', 'ds.beta.test', { dropResponse: 1 });
    await alice.send(group, 'once only');
    await federation.network.advance(5_000);
    federation.network.restart('beta.test');
    await federation.network.advance(5_000);
    federation.network.setLinkFaults('alpha.test', 'ds.beta.test', undefined);
    await federation.settle();
    expect(exchanges('alpha.test->ds.beta.test/deliver_message').length).toBeGreaterThan(2);
    await bob.sync();
    expect(texts(bob)).toEqual(['once only']);
  });
});

describe('sender authentication between providers', () => {
  it('key rotation: a guest whose cached key no longer verifies fetches the new one once and accepts', async () => {
    await alice.send(group, 'before');
    await federation.settle();
    expect(exchanges('beta.test->ds.alpha.test/verification_key')).toHaveLength(1);
    await federation.provider('alpha.test').rotateVerificationKey();
    await alice.send(group, 'after rotation');
    await federation.settle();
    await bob.sync();
    expect(texts(bob)).toEqual(['before', 'after rotation']);
    expect(exchanges('beta.test->ds.alpha.test/verification_key')).toHaveLength(2);
  });
});

describe('KeyPackages and connections across providers', () => {
  it('exhaustion: regular KeyPackages run out, the last-resort one keeps a client reachable, none at all refuses and changes nothing', async () => {
    const dave = await createVirtualClient(federation, client('dave', 'beta.test'), { keyPackages: 1 });
    const erin = await createVirtualClient(federation, client('erin', 'beta.test'), { keyPackages: 0, lastResort: false });
    await alice.addUsers(group, [dave.id]);
    const second = await alice.createGroup();
    await alice.addUsers(second, [dave.id]); // the last-resort KeyPackage
    await federation.settle();
    await dave.sync();
    expect([dave.member(group)?.state.groupContext.epoch, dave.member(second)?.state.groupContext.epoch]).toEqual([2n, 1n]);
    const before = federation.provider('alpha.test').group(group)?.groupContext.epoch;
    await expect(alice.addUsers(group, [erin.id])).rejects.toMatchObject({ code: 'no_key_packages' });
    expect(federation.provider('alpha.test').group(group)?.groupContext.epoch).toBe(before);
    expect(alice.member(group)?.state.groupContext.epoch).toBe(before);
  });

  it('connection establishment: connection KeyPackages from the other provider, a connection group, the Welcome as a connection request', async () => {
    const connection = await alice.connect(bob.id.user);
    await federation.settle();
    await bob.sync();
    expect(bob.member(connection)?.state.groupContext.epoch).toBe(1n);
    expect(exchanges('alpha.test->ds.beta.test/connection_key_packages').map((e) => e.status)).toEqual([200]);
    expect(exchanges('alpha.test->ds.beta.test/connection_request').map((e) => e.status)).toEqual([200]);
    await bob.send(connection, 'hi alice');
    await federation.settle();
    await alice.sync();
    expect(texts(alice)).toEqual(['hi alice']);
  });
});
