import type { DurableState } from '../network/index.js';
import { createProvider, type Provider, type RateLimits } from '../provider/index.js';
import type { Target } from './target.js';

/** Options for {@link referenceTarget}. */
export interface ReferenceTargetOptions {
  readonly domain: string;
  /** Default `ds.<domain>`. */
  readonly dsDomain?: string;
  readonly rateLimits?: RateLimits;
}

/**
 * The reference provider as a target, one among others (issue 10 §1): it is
 * reached only through its Fetch handler. Its provider lives on the host's
 * durable state, so one network start builds it once.
 *
 * @example
 * const results = await runChecks({ target: referenceTarget({ domain: 'target.test' }), checks: CATALOG, seed: 1 });
 */
export function referenceTarget(options: ReferenceTargetOptions): Target {
  const dsDomain = options.dsDomain ?? `ds.${options.domain}`;
  const booted = new WeakMap<DurableState, Promise<Provider>>();
  return {
    name: 'reference',
    domain: options.domain,
    dsDomain,
    start(durable, env) {
      let provider = booted.get(durable);
      if (provider === undefined) {
        provider = createProvider({ domain: options.domain, dsDomain, clock: env.clock, spawn: env.spawn, randomBytes: env.randomBytes, ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }) });
        booted.set(durable, provider);
      }
      const ready = provider;
      return async (request, info) => (await ready).fetch(request, info);
    },
  };
}
