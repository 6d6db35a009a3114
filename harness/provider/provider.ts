import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { getResponse, type RequestHandler } from 'msw';
import { toHex } from '../codec/index.js';
import { generateSignatureKeys, type DsGroup } from '../mls/index.js';
import type { ClientId, UserId } from '../messages/index.js';
import { realClock, type ProviderClock } from './clock.js';
import { createClientQueues, type QueuedMessage } from './client-queues.js';
import { createDirectory, type Directory, type StoredKeyPackage } from './directory.js';
import { createDiscovery, DiscoveryError } from '../discovery/index.js';
import { createExclusive } from './exclusive.js';
import { followingRedirects } from './defect-discovery.js';
import { requestConnectionKeyPackages, requestGroupKeyPackages } from './key-package-client.js';
import { proposeRemoval } from './ds-proposals.js';
import { prepareDelivery } from './fanout.js';
import { ProviderError } from './provider-error.js';
import { createOutbox, createOutboxStore, type OutboxEntry, type OutboxStore } from './outbox.js';
import type { DurableProviderState, ProviderState } from './provider-state.js';
import { NO_DEFECTS, type ProviderDefects } from './defects.js';
import { createRateLimiter, DEFAULT_RATE_LIMITS, type RateLimits } from './rate-limiter.js';
import { DEFAULT_MAX_BODY, type RequestContext } from './request-body.js';
import { route } from './router.js';
import { createReplayStore } from './replay-store.js';
import { createVerificationKeys } from './verification-keys.js';

/** Options for {@link createProvider}. */
export interface ProviderOptions {
  readonly domain: string;
  readonly dsDomain: string;
  /** Seeded bytes for group ids (default: node:crypto). */
  readonly randomBytes?: (length: number) => Uint8Array;
  readonly maxBodyBytes?: number;
  /** The clock for retries, caches and rate limits: the network's virtual clock in simulations (default: real time). */
  readonly clock?: ProviderClock;
  /** Runs background work (the outbox); the network's `spawn` in simulations so that drive() accounts for it. */
  readonly spawn?: (task: () => Promise<void>) => void;
  /** Budgets per endpoint (default {@link DEFAULT_RATE_LIMITS}); `{}` turns rate limiting off. */
  readonly rateLimits?: RateLimits;
  /** Planted bugs (issue 10 §4); default none. */
  readonly defects?: ProviderDefects;
  /**
   * The first message_id it uses towards every destination (default 1;
   * profile §13: unique per sender and recipient). A harness peer of an
   * external target, which remembers ids for the whole run, starts each
   * check's ids past the last check's.
   */
  readonly firstMessageId?: bigint;
}

/** A reference MIMI provider: a plain Fetch handler for its provider and DS domains. */
export interface Provider {
  readonly domain: string;
  readonly dsDomain: string;
  readonly verificationKey: Uint8Array;
  /** The key pair that signs this provider's requests to others (profile §7). */
  readonly signingKey: { readonly publicKey: Uint8Array; readonly signKey: Uint8Array };
  /** Users, clients and KeyPackages (provisioning is outside the drafts). */
  readonly directory: Directory;
  /** Answers one request; `context` carries the raw body (GET bodies) and the caller's address when the network calls it. */
  readonly fetch: (request: Request, context?: RequestContext) => Promise<Response>;
  /**
   * Overrides endpoints at run time with msw request handlers, the way msw
   * users override a server (`http.post('https://ds.alpha.test/group_operation', resolver)`);
   * the most recently added win. A handler that returns nothing falls through
   * to the reference behaviour. Adversarial and faulty personas are written this way.
   */
  readonly use: (...handlers: RequestHandler[]) => void;
  /** Removes every override. */
  readonly resetHandlers: () => void;
  /** Removes and returns what is queued for one of this provider's clients (the client-to-provider protocol is outside the drafts). */
  takeMessages(client: ClientId): QueuedMessage[];
  /** The DS's view of a group it owns. */
  group(groupId: Uint8Array): DsGroup | undefined;
  /** The fan-out outbox: what is pending, delivered and refused; `settled()` resolves when nothing is pending. */
  readonly outbox: { readonly store: OutboxStore; settled(): Promise<void>; pending(): number };
  /** Asks the clients' provider for one KeyPackage each (transport draft "Group KeyPackage Retrieval"), on behalf of `requester`. */
  requestGroupKeyPackages(requester: UserId, clients: readonly ClientId[]): Promise<StoredKeyPackage[]>;
  /** Asks `user`'s provider for connection KeyPackages of all its clients (transport draft "Connection KeyPackage Retrieval"). */
  requestConnectionKeyPackages(requester: UserId, user: UserId): Promise<StoredKeyPackage[]>;
  /**
   * DS-initiated removal of `client` from every group this DS owns (DS draft
   * "DS-initiated operations"): a Remove proposal by the DS as external
   * sender, stored and fanned out; the next commit in each group carries it.
   */
  proposeRemoval(client: ClientId): Promise<{ proposed: string[]; skipped: string[] }>;
  /** Replaces the verification key (key rotation); peers re-fetch it when a signature fails against their cached copy. */
  rotateVerificationKey(): Promise<void>;
  /** False between a crash (`stop`) and the next `restart`. */
  readonly running: boolean;
  /** (Re)starts the provider from its durable state, as after a restart: caches and limits are empty, the outbox resumes. */
  restart(): void;
  /** Stops background work (a crash). */
  stop(): void;
}

/** The network failed while an outbox entry was sent (and only then: a bug is not retried). */
class NetworkFailure extends Error {
  override readonly name = 'NetworkFailure';
}

/** A failure worth retrying: discovery (§11), the network, or the provider's own restart. */
function isTransient(error: unknown): boolean {
  return error instanceof DiscoveryError || error instanceof NetworkFailure || (error instanceof ProviderError && error.code === 'unavailable');
}

/** Prepares (once) and POSTs one outbox entry, reporting the status. */
async function post(state: ProviderState, entry: OutboxEntry): Promise<number> {
  const prepared = await prepareDelivery(state, entry);
  try {
    const response = await fetch(`https://${prepared.dsDomain}${prepared.path}`, { method: 'POST', body: prepared.body, headers: { 'content-type': 'application/octet-stream' }, redirect: 'manual' });
    await response.arrayBuffer();
    return response.status;
  } catch (error) {
    // Planted bug (ProviderDefects.dropsDeliveryAfterTlsFailure): a TLS failure is taken for final, so the outbox drops the entry.
    if (state.defects.dropsDeliveryAfterTlsFailure === true && isTlsFailure(error)) throw new Error(`given up after a TLS failure: ${String(error)}`, { cause: error });
    throw new NetworkFailure(error instanceof Error ? error.message : String(error), { cause: error });
  }
}

/** A failed TLS handshake somewhere in the cause chain: a certificate refused, or no common TLS version (for the planted bug above). */
function isTlsFailure(error: unknown): boolean {
  for (let at: unknown = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) {
    const code = (at as { code?: unknown }).code;
    if (typeof code === 'string' && /^(ERR_TLS_|ERR_SSL_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED|EPROTO)/.test(code)) return true;
  }
  return false;
}

/**
 * Creates a reference provider (transport draft "REST Endpoints"). Each
 * endpoint is its own module under endpoints/; refusals become the
 * profile's error answers in one place.
 *
 * @example
 * const alpha = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test', clock: network.clock });
 * await network.addHost({ names: [alpha.domain, alpha.dsDomain], start: () => alpha.fetch });
 */
export async function createProvider(options: ProviderOptions): Promise<Provider> {
  const clock = options.clock ?? realClock;
  const durable: DurableProviderState = {
    verificationKey: await generateSignatureKeys(),
    directory: createDirectory(),
    replays: createReplayStore(clock),
    groups: new Map(),
    outboxStore: createOutboxStore(options.firstMessageId),
    queues: createClientQueues(clock),
    nextLocalMessageId: options.firstMessageId ?? 1n,
    retiredGroupIds: new Set(),
    reservedGroupIds: new Map(),
    acceptedMessages: new Map(),
    exclusive: createExclusive(),
  };
  const spawn =
    options.spawn ??
    ((task: () => Promise<void>) => {
      Promise.resolve()
        .then(task)
        .catch((error: unknown) => {
          console.error(`mimi-harness: background work of ${options.domain} failed:`, error);
        });
    });
  // A fresh volatile half over the same durable half; durable fields are read and written through.
  let generation = 0;
  const build = (): ProviderState => {
    const born = generation;
    const built: ProviderState = {
    domain: options.domain,
    dsDomain: options.dsDomain,
    randomBytes: options.randomBytes ?? ((n: number) => new Uint8Array(cryptoRandomBytes(n))),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    clock,
    defects: options.defects ?? NO_DEFECTS,
    // Planted bugs (ProviderDefects.verificationKeyByFetch, cacheVerificationKeysForever, noVerificationKeyRefetch): how keys are fetched, the key cache's lifetime and rotation rule (profile §5, §10).
    verificationKeys: createVerificationKeys(options.dsDomain, { clock, byFetch: options.defects?.verificationKeyByFetch === true, ...(options.defects?.cacheVerificationKeysForever === true ? { lifetimeMs: Number.POSITIVE_INFINITY } : {}), ...(options.defects?.noVerificationKeyRefetch === true ? { refetchOnFailure: false } : {}) }),
    // Planted bug (defects.followDiscoveryRedirects): profile §11 says redirects are not followed.
    discovery: options.defects?.followDiscoveryRedirects === true ? followingRedirects(createDiscovery({ clock })) : createDiscovery({ clock }),
    limiter: createRateLimiter(options.rateLimits ?? DEFAULT_RATE_LIMITS, clock),
    outbox: createOutbox(durable.outboxStore, { clock, spawn, post: (entry) => post(built, entry), transient: isTransient, defects: options.defects ?? NO_DEFECTS }),
    exclusive: durable.exclusive,
    live() {
      if (born !== generation) throw new ProviderError('unavailable', 'the provider restarted while handling this request; nothing was stored');
    },
    retiredGroupIds: durable.retiredGroupIds,
    reservedGroupIds: durable.reservedGroupIds,
    acceptedMessages: durable.acceptedMessages,
    directory: durable.directory,
    replays: durable.replays,
    groups: durable.groups,
    outboxStore: durable.outboxStore,
    queues: durable.queues,
    get verificationKey() {
      return durable.verificationKey;
    },
    set verificationKey(keys) {
      durable.verificationKey = keys;
    },
    get nextLocalMessageId() {
      return durable.nextLocalMessageId;
    },
    set nextLocalMessageId(id) {
      durable.nextLocalMessageId = id;
    },
    };
    return built;
  };
  let state = build();
  let running = true;
  const overrides: RequestHandler[] = [];
  return {
    domain: options.domain,
    dsDomain: options.dsDomain,
    get verificationKey() {
      return durable.verificationKey.publicKey;
    },
    get signingKey() {
      return durable.verificationKey;
    },
    directory: durable.directory,
    async fetch(request, context) {
      if (overrides.length > 0) {
        // msw reads the request's body, so it gets a clone; the reference path keeps the original.
        const overridden = await getResponse(overrides, request.clone());
        if (overridden !== undefined) return overridden;
      }
      return route(state, request, context);
    },
    use(...handlers) {
      overrides.unshift(...handlers);
    },
    resetHandlers() {
      overrides.length = 0;
    },
    takeMessages: (client) => durable.queues.take(client),
    group: (groupId) => durable.groups.get(toHex(groupId)),
    outbox: {
      store: durable.outboxStore,
      settled: () => state.outbox.settled(),
      pending: () => state.outbox.pending(),
    },
    requestGroupKeyPackages: (requester, clients) => (running ? requestGroupKeyPackages(state, requester, clients) : Promise.reject(new ProviderError('unavailable', `${options.domain} is down`))),
    requestConnectionKeyPackages: (requester, user) => (running ? requestConnectionKeyPackages(state, requester, user) : Promise.reject(new ProviderError('unavailable', `${options.domain} is down`))),
    proposeRemoval: (client) => (running ? proposeRemoval(state, client) : Promise.reject(new ProviderError('unavailable', `${options.domain} is down`))),
    async rotateVerificationKey() {
      durable.verificationKey = await generateSignatureKeys();
    },
    get running() {
      return running;
    },
    restart() {
      running = true;
      generation += 1;
      state.outbox.stop();
      state = build();
      state.outbox.resume();
    },
    stop() {
      running = false;
      generation += 1;
      state.outbox.stop();
    },
  };
}
