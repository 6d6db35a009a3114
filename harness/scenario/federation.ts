import { createNetwork, type HostSpec, type Network, type TransportMode } from '../network/index.js';
import { createProvider, type Provider, type RateLimits } from '../provider/index.js';

/** One provider of a federation: its domain and (default `ds.<domain>`) its DS domain. */
export interface FederationMember {
  readonly domain: string;
  readonly dsDomain?: string;
}

/** Options for {@link createFederation}. */
export interface FederationOptions {
  readonly seed: number;
  readonly providers: readonly FederationMember[];
  readonly transport?: TransportMode;
  /** Budgets for every provider (default: the provider's defaults). */
  readonly rateLimits?: RateLimits;
  /** Virtual start time; default 2026-12-01T00:00:00Z so that runs replay exactly. */
  readonly startTime?: number;
}

/** Reference providers on one simulated network. */
export interface Federation {
  readonly network: Network;
  readonly providers: readonly Provider[];
  /** The provider with this provider domain. */
  provider(domain: string): Provider;
  /** Drives the network until the outbox of every running provider is empty (a crashed one keeps its entries). */
  settle(options?: { readonly maxVirtualMs?: number }): Promise<void>;
  dispose(): Promise<void>;
}

/** The default virtual start time of a federation. */
export const FEDERATION_START = Date.UTC(2026, 11, 1);

/**
 * A reference provider as a network host: both its names, its handler, and
 * a network crash and restart as a process's (the provider object is the
 * host's disk; a restart rebuilds the rest from it and its outbox resumes).
 *
 * @example
 * await network.addHost(providerHost(provider));
 */
export function providerHost(provider: Provider): HostSpec {
  let started = false;
  return {
    names: [provider.domain, provider.dsDomain],
    start: () => {
      if (started) provider.restart();
      started = true;
      return (request, info) => provider.fetch(request, info);
    },
    stop: () => {
      provider.stop();
    },
  };
}

/**
 * Starts reference providers on a network (issue 5): each on its provider
 * and DS domains with its own certificate, on the network's virtual clock,
 * its outbox run as the host's background work, its group ids drawn from
 * the seed, and its durable state kept across `network.crash` and
 * `network.restart`.
 *
 * @example
 * const federation = await createFederation({ seed: 1, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }] });
 */
export async function createFederation(options: FederationOptions): Promise<Federation> {
  const network = createNetwork({ seed: options.seed, transport: options.transport ?? 'tls', startTime: options.startTime ?? FEDERATION_START });
  const providers: Provider[] = [];
  for (const member of options.providers) {
    const rng = network.rng.fork(`provider ${member.domain}`);
    const provider = await createProvider({
      domain: member.domain,
      dsDomain: member.dsDomain ?? `ds.${member.domain}`,
      clock: network.clock,
      spawn: (task) => {
        network.spawn(member.domain, task);
      },
      randomBytes: (n) => Uint8Array.from({ length: n }, () => rng.int(0, 255)),
      ...(options.rateLimits === undefined ? {} : { rateLimits: options.rateLimits }),
    });
    await network.addHost(providerHost(provider));
    providers.push(provider);
  }
  const byDomain = new Map(providers.map((p) => [p.domain, p]));
  return {
    network,
    providers,
    provider(domain) {
      const found = byDomain.get(domain);
      if (found === undefined) throw new Error(`no provider ${domain} in this federation`);
      return found;
    },
    async settle(settleOptions = {}) {
      // Until every running provider's outbox is empty; a crashed one keeps its entries for after its restart.
      for (;;) {
        const running = providers.filter((p) => p.running);
        if (running.every((p) => p.outbox.pending() === 0)) return;
        await network.drive(Promise.all(running.map((p) => p.outbox.settled())).then(() => undefined), settleOptions);
      }
    },
    dispose: () => network.dispose(),
  };
}
