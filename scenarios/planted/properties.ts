import { referenceTarget, type Target } from '../../harness/conformance/index.js';
import type { DurableState } from '../../harness/network/index.js';
import { createProvider, type Provider, type ProviderDefects } from '../../harness/provider/index.js';
import type { PlantedBug } from './planted-bug.js';

const CHECK = 'properties.fan-out.under-faults';

/**
 * The reference provider as a target whose network restart restarts the
 * provider from its durable state, as a real process restart would (the
 * plain reference target keeps running through a network crash), so that
 * a defect in what survives a restart shows.
 *
 * @example
 * const target = restartingReference('target.test', 'volatile outbox', { volatileOutbox: true });
 */
function restartingReference(domain: string, name: string, defects: ProviderDefects): Target {
  const booted = new WeakMap<DurableState, Promise<Provider>>();
  return {
    name,
    domain,
    dsDomain: `ds.${domain}`,
    start(durable, env) {
      let provider = booted.get(durable);
      if (provider === undefined) {
        provider = createProvider({ domain, dsDomain: `ds.${domain}`, clock: env.clock, spawn: env.spawn, randomBytes: env.randomBytes, defects });
        booted.set(durable, provider);
      } else {
        void provider.then((p) => { p.restart(); });
      }
      const ready = provider;
      return async (request, info) => (await ready).fetch(request, info);
    },
  };
}

/** Planted bugs the property checks catch (issue 10 §4): each in the reference provider's fan-out, outbox or restart. */
export const PROPERTY_PLANTED: readonly PlantedBug[] = [
  { name: 'delivers twice after a retry (a fresh message_id per attempt)', caughtBy: [CHECK], target: (domain) => referenceTarget({ domain, name: 'fresh message_id on retry', defects: { freshMessageIdOnRetry: true } }) },
  { name: 'reorders deliveries to one provider (a failed fan-out goes to the back)', caughtBy: [CHECK], target: (domain) => referenceTarget({ domain, name: 'requeues on retry', defects: { requeueOnRetry: true } }) },
  { name: 'keeps fanning out to a removed member', caughtBy: [CHECK, 'ds.remove-users.removed-learn'], target: (domain) => referenceTarget({ domain, name: 'fans out to removed members', defects: { fanOutToRemoved: true } }) },
  { name: 'loses a message after a restart (outbox not durable)', caughtBy: [CHECK], target: (domain) => restartingReference(domain, 'volatile outbox', { volatileOutbox: true }) },
];
