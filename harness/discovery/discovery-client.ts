import { decode, DecodeError } from '../codec/index.js';
import { DS_DOMAIN_PATH, dsDomainResponse } from '../messages/index.js';

/**
 * The clock discovery runs on: the network's virtual clock in simulations,
 * real time otherwise. A provider's clock (ProviderClock) is one.
 */
export interface DiscoveryClock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Runs `run` after `ms`; returns a function that cancels it. */
  setTimer(ms: number, run: () => void): () => void;
  /** Awaits work another request started, without counting the wait as busy (VirtualClock.waitFor). */
  waitFor<T>(work: Promise<T>): Promise<T>;
}

/** Why a discovery failed (profile §11). */
export type DiscoveryErrorCode = 'unreachable' | 'timeout' | 'redirect' | 'bad-status' | 'bad-content-type' | 'undecodable';

/** A failed `GET /.well-known/mimi/ds-domain`, naming the provider and the reason. Never cached. */
export class DiscoveryError extends Error {
  override readonly name = 'DiscoveryError';
  constructor(
    readonly code: DiscoveryErrorCode,
    readonly domain: string,
    readonly detail: string,
    options?: ErrorOptions,
  ) {
    super(`discovery of the DS domain of ${domain} failed (${code}): ${detail}`, options);
  }
}

/** Options for {@link createDiscovery}. */
export interface DiscoveryOptions {
  readonly clock: DiscoveryClock;
  /** Virtual time before a discovery request counts as timed out. Default 5 s. */
  readonly timeoutMs?: number;
  /** Cache lifetime when the answer has no max-age. Default 3600 s. */
  readonly defaultMaxAgeSeconds?: number;
  /** Longest cache lifetime honoured. Default 86,400 s. */
  readonly maxMaxAgeSeconds?: number;
}

/** Discovers and caches DS domains. */
export interface Discovery {
  /** The DS domain of `providerDomain`, from the cache while it is fresh. */
  discover(providerDomain: string): Promise<string>;
  /** Forgets every cached answer. */
  clear(): void;
}

function maxAgeOf(response: Response, fallback: number, cap: number): number {
  const match = /(?:^|,)\s*max-age=(\d+)/i.exec(response.headers.get('cache-control') ?? '');
  return Math.min(match?.[1] === undefined ? fallback : Number(match[1]), cap);
}

/**
 * DS discovery as a client does it (transport draft "Endpoint Discovery",
 * profile §11): `GET https://<provider>/.well-known/mimi/ds-domain`,
 * redirects not followed, answers cached for their max-age on the virtual
 * clock, bad answers and timeouts refused with a DiscoveryError. Requests
 * go through the global `fetch`, so inside a network they are simulated.
 *
 * @example
 * const discovery = createDiscovery({ clock: network.clock });
 * const ds = await network.drive(network.run('beta.test', () => discovery.discover('alpha.test')));
 */
export function createDiscovery(options: DiscoveryOptions): Discovery {
  const { clock } = options;
  const timeoutMs = options.timeoutMs ?? 5_000;
  const cache = new Map<string, { dsDomain: string; expiresAt: number }>();
  const inFlight = new Map<string, Promise<string>>();

  const ask = async (domain: string): Promise<string> => {
    let cancelTimer = (): void => undefined;
    const timeout = new Promise<never>((_, reject) => {
      cancelTimer = clock.setTimer(timeoutMs, () => {
        reject(new DiscoveryError('timeout', domain, `no answer within ${timeoutMs} ms`));
      });
    });
    let response: Response;
    try {
      response = await Promise.race([fetch(`https://${domain}${DS_DOMAIN_PATH}`, { redirect: 'manual' }), timeout]);
    } catch (error) {
      if (error instanceof DiscoveryError) throw error;
      throw new DiscoveryError('unreachable', domain, error instanceof Error ? `${error.message}${error.cause instanceof Error ? `: ${error.cause.message}` : ''}` : String(error), { cause: error });
    } finally {
      cancelTimer();
    }
    if (response.status >= 300 && response.status < 400) throw new DiscoveryError('redirect', domain, `answered ${response.status} to ${response.headers.get('location') ?? '?'}; redirects are not followed`);
    if (response.status !== 200) throw new DiscoveryError('bad-status', domain, `answered ${response.status}`);
    const type = response.headers.get('content-type') ?? '';
    if (type.split(';')[0]?.trim() !== 'application/octet-stream') throw new DiscoveryError('bad-content-type', domain, `content type "${type}", expected application/octet-stream`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    let dsDomain: string;
    try {
      dsDomain = decode(dsDomainResponse, bytes, { rootName: 'DSDomainResponse' }).ds_domain;
    } catch (error) {
      if (error instanceof DecodeError) throw new DiscoveryError('undecodable', domain, error.message, { cause: error });
      throw error;
    }
    const maxAge = maxAgeOf(response, options.defaultMaxAgeSeconds ?? 3600, options.maxMaxAgeSeconds ?? 86_400);
    cache.set(domain, { dsDomain, expiresAt: clock.now() + maxAge * 1000 });
    return dsDomain;
  };

  return {
    discover(providerDomain) {
      const cached = cache.get(providerDomain);
      if (cached !== undefined && cached.expiresAt > clock.now()) return Promise.resolve(cached.dsDomain);
      const pending = inFlight.get(providerDomain);
      // Another request is already asking: wait for its answer without counting as busy (its exchange counts).
      if (pending !== undefined) return clock.waitFor(pending);
      const asked = ask(providerDomain).finally(() => inFlight.delete(providerDomain));
      inFlight.set(providerDomain, asked);
      return asked;
    },
    clear: () => {
      cache.clear();
    },
  };
}
