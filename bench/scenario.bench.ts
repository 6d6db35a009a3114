import { afterAll, bench, describe } from 'vitest';
import { runCatalog, referenceTarget } from '../harness/conformance/index.js';
import { createFederation, createVirtualClient, LIFECYCLE_PROVIDERS, runLifecycle, type Federation } from '../harness/scenario/index.js';
import { CATALOG } from '../scenarios/index.js';
import { fanOutUnderFaults } from '../scenarios/properties/fan-out-under-faults.js';
import { recordMeta } from './meta.js';

// Issue 13 §2 "Scenarios" and "Scale" (fan-out). Few iterations each: one lifecycle takes seconds, the
// catalog tens of seconds.
const few = { iterations: 5, time: 0, warmupIterations: 1, warmupTime: 0 };
const once = { iterations: 1, time: 0, warmupIterations: 0, warmupTime: 0 };

describe('scenario: the 3-provider lifecycle (issue 5 §7), a new federation each time', () => {
  for (const transport of ['direct', 'tls', 'sockets'] as const) {
    bench(
      transport,
      async () => {
        const federation = await createFederation({ seed: 1, providers: LIFECYCLE_PROVIDERS, transport });
        try {
          const result = await runLifecycle(federation);
          if (result.problems.length > 0) throw new Error(result.problems.join('; '));
        } finally {
          await federation.dispose();
        }
      },
      few,
    );
  }
});

describe('scenario: the whole catalog against the reference provider (tls, in-process)', () => {
  bench(
    `${CATALOG.length} checks`,
    async () => {
      const results = await runCatalog({ target: referenceTarget({ domain: 'target.test' }), checks: CATALOG, seed: 1 });
      const failed = results.filter((r) => r.status === 'fail').map((r) => r.id);
      recordMeta('scenario.catalog', { checks: results.length, failed });
    },
    once,
  );
});

// Property runs per second (issue 13 §2): the federation model under faults (drops, duplicates, delays,
// partitions, crashes, clock advances), PROPERTY_RUNS runs of up to 24 commands in one iteration.
const PROPERTY_RUNS = 8;
describe(`scenario: the federation model with faults against the reference provider, ${PROPERTY_RUNS} property runs per iteration`, () => {
  bench(
    fanOutUnderFaults.id,
    async () => {
      const [result] = await runCatalog({ target: referenceTarget({ domain: 'target.test' }), checks: [fanOutUnderFaults], seed: 1, numRuns: PROPERTY_RUNS });
      if (result?.status !== 'pass') throw new Error(`${fanOutUnderFaults.id}: ${result?.status ?? 'no result'}`);
    },
    { iterations: 2, time: 0, warmupIterations: 0, warmupTime: 0 },
  );
});

// One message fanned out to a group whose members are spread over 100 providers (DS draft "Fan-out"):
// the DS of p0.test signs one DSFanoutRequest per other provider, each verifies it and queues it.
const PROVIDERS = 100;
const spread = await (async () => {
  const federation: Federation = await createFederation({ seed: 1, providers: Array.from({ length: PROVIDERS }, (_, i) => ({ domain: `p${i}.test` })), transport: 'tls', rateLimits: {} });
  const clients = await Promise.all(Array.from({ length: PROVIDERS }, (_, i) => createVirtualClient(federation, { user: { user_name: `u${i}`, domain: `p${i}.test` }, client_name: 'phone' })));
  const [owner, ...others] = clients;
  if (owner === undefined) throw new Error('no owner');
  const group = await owner.createGroup();
  await owner.addUsers(group, others.map((c) => c.id));
  await federation.settle();
  return { federation, owner, group };
})();
afterAll(async () => {
  await spread.federation.dispose();
});

describe(`scale: one message fanned out to a group spread over ${PROVIDERS} providers (tls)`, () => {
  bench(
    'send, fan out to 99 providers, settle',
    async () => {
      await spread.owner.send(spread.group, 'x');
      await spread.federation.settle();
    },
    few,
  );
});
