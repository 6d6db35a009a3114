import { afterAll, bench, describe } from 'vitest';
import { createFederation, createVirtualClient, type Federation, type VirtualClient } from '../harness/scenario/index.js';

interface Setup {
  readonly federation: Federation;
  readonly alice: VirtualClient;
  readonly bob: VirtualClient;
  readonly group: Uint8Array;
}

async function setup(transport: 'tls' | 'direct'): Promise<Setup> {
  const federation = await createFederation({ seed: 1, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }], transport, rateLimits: {} });
  const alice = await createVirtualClient(federation, { user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' });
  const bob = await createVirtualClient(federation, { user: { user_name: 'bob', domain: 'beta.test' }, client_name: 'phone' });
  const group = await alice.createGroup();
  await alice.addUsers(group, [bob.id]);
  await federation.settle();
  await bob.sync();
  return { federation, alice, bob, group };
}

const tls = await setup('tls');
const direct = await setup('direct');
afterAll(async () => {
  await tls.federation.dispose();
  await direct.federation.dispose();
});

/** A message from alpha's client through ds.alpha.test, signed fan-out to ds.beta.test, and decrypted by bob. */
const message = (s: Setup) => async () => {
  await s.alice.send(s.group, 'x');
  await s.federation.settle();
  await s.bob.sync();
};

/** An update commit: client commit, DS tracking and PartialGroupInfo check, fan-out, bob processes it. */
const update = (s: Setup) => async () => {
  await s.alice.update(s.group);
  await s.federation.settle();
  await s.bob.sync();
};

describe('one application message, owner to guest, end to end', () => {
  bench('direct', message(direct));
  bench('tls', message(tls));
});

describe('one update commit, owner to guest, end to end', () => {
  bench('direct', update(direct));
  bench('tls', update(tls));
});
