import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFederation, LIFECYCLE_PROVIDERS, runLifecycle, type Federation } from '../../harness/scenario/index.js';

let federation: Federation;
beforeEach(async () => {
  federation = await createFederation({ seed: 5, providers: LIFECYCLE_PROVIDERS });
});
afterEach(async () => {
  await federation.dispose();
});

describe('three providers, one group, the whole lifecycle over TLS', () => {
  it('create, invite across providers, message, second device, remove, self-remove, external join, delete', async () => {
    const steps: string[] = [];
    const result = await runLifecycle(federation, (step) => steps.push(step));
    // After every step each member holds the DS's GroupContext and tree byte for byte, and at the end
    // every message arrived exactly once and never back to its sender (runLifecycle's checks).
    expect(result.problems).toEqual([]);
    expect(steps).toHaveLength(11);
    expect(result.epochs).toBe(5n);
    const [alice, bob, laptop, carol] = result.clients;
    expect([alice, bob, laptop, carol].map((c) => c?.received.map((r) => r.text))).toEqual([
      ['hello from gamma', 'laptop is back'],
      ['hello from alpha', 'hello from gamma', 'laptop is back'],
      ['hello from gamma'],
      ['hello from alpha'],
    ]);
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
