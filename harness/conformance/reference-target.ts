import { fromHex } from '../codec/index.js';
import type { DurableState, Network } from '../network/index.js';
import { createProvider, DEFAULT_RATE_LIMITS, type Provider, type ProviderDefects, type RateLimits } from '../provider/index.js';
import { createVirtualClient, epochIn } from '../scenario/index.js';
import type { ControlledClient, TargetControl } from './control.js';
import type { Target } from './target.js';

/** Options for {@link referenceTarget}. */
export interface ReferenceTargetOptions {
  readonly domain: string;
  /** Default `ds.<domain>`. */
  readonly dsDomain?: string;
  readonly rateLimits?: RateLimits;
  /** Planted bugs (issue 10 §4): the defects this reference provider has on purpose. */
  readonly defects?: ProviderDefects;
  /** The name it reports under (default `reference`). */
  readonly name?: string;
}

/**
 * The control interface of a reference provider on a network: its clients
 * are virtual clients that talk only to it (what `serve` offers over the
 * control API, docs/ADAPTER.md).
 *
 * @example
 * const server = await startControlServer(providerControl(provider, network));
 */
export function providerControl(provider: Provider, network: Network): TargetControl {
  // A target's client talks only to its own provider (the client-to-provider protocol is outside the drafts).
  const home = { network, provider: () => provider };
  return {
    async createClient(id, options = {}): Promise<ControlledClient> {
      if (id.user.domain !== provider.domain) throw new Error(`the target's control interface provisions clients of ${provider.domain} only, not ${id.user.domain}`);
      // A ClientID created again is a new device: the provider forgets the old one's KeyPackages and queue (docs/ADAPTER.md).
      if (provider.directory.hasClient(id)) {
        provider.directory.removeClient(id);
        provider.takeMessages(id);
      }
      const client = await createVirtualClient(home, id, options);
      return {
        id: client.id,
        received: client.received,
        failures: client.failures,
        createGroup: (kind) => client.createGroup(kind),
        addUsers: (groupId, clients) => client.addUsers(groupId, clients),
        removeUsers: (groupId, users) => client.removeUsers(groupId, users),
        selfRemove: (groupId) => client.selfRemove(groupId),
        update: (groupId) => client.update(groupId),
        externalJoin: (groupId) => client.externalJoin(groupId),
        send: (groupId, text) => client.send(groupId, text),
        sync: () => client.sync(),
        epoch: (groupId) => epochIn(client, groupId),
        epochs: () => new Map(client.groupIds().flatMap((hex) => {
          const epoch = epochIn(client, fromHex(hex, 'group id'));
          return epoch === undefined ? [] : [[hex, epoch] as const];
        })),
      };
    },
  };
}

/**
 * The reference provider as a target, one among others (issue 10 §1): it is
 * reached only through its Fetch handler. Its provider lives on the host's
 * durable state, so one network start builds it once. It has a control
 * interface (its clients are virtual clients) and declares its budgets.
 *
 * @example
 * const results = await runCatalog({ target: referenceTarget({ domain: 'target.test' }), checks: CATALOG, seed: 1 });
 */
export function referenceTarget(options: ReferenceTargetOptions): Target {
  const dsDomain = options.dsDomain ?? `ds.${options.domain}`;
  const booted = new WeakMap<DurableState, Promise<Provider>>();
  const rateLimits = options.rateLimits ?? DEFAULT_RATE_LIMITS;
  return {
    name: options.name ?? 'reference',
    domain: options.domain,
    dsDomain,
    budgets: rateLimits,
    start(durable, env) {
      let provider = booted.get(durable);
      if (provider === undefined) {
        provider = createProvider({ domain: options.domain, dsDomain, clock: env.clock, spawn: env.spawn, randomBytes: env.randomBytes, rateLimits, ...(options.defects === undefined ? {} : { defects: options.defects }) });
        booted.set(durable, provider);
      } else {
        // A second start on the same disk is a restart: the provider comes back from its durable state.
        void provider.then((p) => { p.restart(); });
      }
      const ready = provider;
      return async (request, info) => (await ready).fetch(request, info);
    },
    stop(durable) {
      void booted.get(durable)?.then((p) => { p.stop(); });
    },
    control(durable, network) {
      return {
        async createClient(id, clientOptions) {
          const provider = await booted.get(durable);
          if (provider === undefined) throw new Error('the target has not been started');
          return providerControl(provider, network).createClient(id, clientOptions);
        },
      };
    },
  };
}
