import type { DurableState, FetchHandler, Network } from '../network/index.js';
import type { ProviderClock, RateLimits } from '../provider/index.js';
import type { TargetControl } from './control.js';

/** What the runner hands a target when it starts it: the network's virtual clock, a way to run background work, seeded bytes. */
export interface TargetEnvironment {
  readonly clock: ProviderClock;
  /** Runs background work (an outbox) as the target's host, so that the network accounts for it. */
  readonly spawn: (task: () => Promise<void>) => void;
  readonly randomBytes: (length: number) => Uint8Array;
}

/**
 * The provider under test (issue 10 §1): its provider and DS domains and an
 * in-process Fetch handler factory, which is what any TypeScript
 * implementation can offer. `start` gets the host's durable state (its
 * "disk") and the environment of the network it runs on.
 *
 * Optional: `control` (the control interface, for checks that need the
 * target's own clients; called after `start` with the same durable state)
 * and `budgets` (the rate-limit budgets the target declares, for the
 * rate-limit checks).
 *
 * @example
 * const target: Target = { name: 'mine', domain: 'mine.test', dsDomain: 'ds.mine.test', start: () => myHandler };
 */
export interface Target {
  readonly name: string;
  readonly domain: string;
  readonly dsDomain: string;
  readonly start: (durable: DurableState, env: TargetEnvironment) => FetchHandler;
  readonly control?: (durable: DurableState, network: Network) => TargetControl;
  readonly budgets?: RateLimits;
}

/**
 * A target whose handler is `wrap` applied to another target's handler: how
 * planted-bug variants are made (issue 10 §4), without touching internals.
 * The control interface and budgets stay those of `target`.
 *
 * @example
 * const always200 = wrapTarget(reference, 'always-200', (inner) => async (req, info) => new Response(null, { status: 200 }));
 */
export function wrapTarget(target: Target, name: string, wrap: (inner: FetchHandler) => FetchHandler): Target {
  return { ...target, name, start: (durable, env) => wrap(target.start(durable, env)) };
}
