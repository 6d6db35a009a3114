import type { DurableState, FetchHandler, Network } from '../network/index.js';
import type { CertificateVariant } from '../pki/index.js';
import type { ProviderClock, RateLimits } from '../provider/index.js';
import type { TargetControl } from './control.js';
import type { RemoteTarget } from './external-target.js';

/** What the runner hands a target when it starts it: the network's virtual clock, a way to run background work, seeded bytes. */
export interface TargetEnvironment {
  readonly clock: ProviderClock;
  /** Runs background work (an outbox) as the target's host, so that the network accounts for it. */
  readonly spawn: (task: () => Promise<void>) => void;
  readonly randomBytes: (length: number) => Uint8Array;
}

/**
 * A target's TLS configuration, as it declares it (transport draft "Transport
 * Security"). An in-process target's TLS is terminated by the harness's
 * network on its behalf, so what its listener would present and accept is a
 * declared property: the TLS checks judge it with handshakes of their own.
 * Defaults: TLS 1.3 only, a certificate from the harness CA for both domains.
 *
 * @example
 * const lax: TargetTls = { minVersion: 'TLSv1.2' }; // a planted bug: accepts TLS 1.2
 */
export interface TargetTls {
  /** The lowest TLS version its listener accepts (default TLS 1.3). */
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** The certificate it presents (default `valid`; the others are negative variants). */
  readonly certificate?: CertificateVariant;
  /** The names its certificate covers (default its provider and DS domains). */
  readonly certificateNames?: readonly string[];
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
 * rate-limit checks), and `tls` (its listener's TLS configuration, see
 * {@link TargetTls}).
 *
 * @example
 * const target: Target = { name: 'mine', domain: 'mine.test', dsDomain: 'ds.mine.test', start: () => myHandler };
 */
export interface Target {
  readonly name: string;
  readonly domain: string;
  readonly dsDomain: string;
  readonly start: (durable: DurableState, env: TargetEnvironment) => FetchHandler;
  /**
   * Stops the target's process on a network crash (its background work
   * too); the next `start` with the same durable state is its restart.
   */
  readonly stop?: (durable: DurableState) => void;
  readonly control?: (durable: DurableState, network: Network) => TargetControl;
  readonly budgets?: RateLimits;
  readonly tls?: TargetTls;
  /** An external target (issue 11 §1): where its names listen, in another process; `start` is then never called. */
  readonly remote?: RemoteTarget;
  /** Checks the target's config declares unsupported, with the reason (reported as `unsupported`). */
  readonly unsupported?: Readonly<Record<string, string>>;
  /** Checks the target's config expects to fail, with the reason (CheckResult.expectedFailure). */
  readonly expectedFailures?: Readonly<Record<string, string>>;
}

/**
 * A target whose handler is `wrap` applied to another target's handler: how
 * planted-bug variants are made (issue 10 §4), without touching internals.
 * The control interface, budgets and TLS configuration stay those of `target`.
 *
 * @example
 * const always200 = wrapTarget(reference, 'always-200', (inner) => async (req, info) => new Response(null, { status: 200 }));
 */
export function wrapTarget(target: Target, name: string, wrap: (inner: FetchHandler) => FetchHandler): Target {
  return { ...target, name, start: (durable, env) => wrap(target.start(durable, env)) };
}
