/**
 * The reference provider (transport draft "REST Endpoints"), one module per
 * endpoint of the transport draft and every DS operation of the DS draft,
 * with fan-out through a durable outbox, per-client QS queues and rate limits.
 *
 * @example
 * import { createProvider } from 'mimi-transport-harness/provider';
 */
export { checkClientSignature, signedDsRequest } from './client-signature.js';
export { realClock, type ProviderClock } from './clock.js';
export { createDiscovery, DiscoveryError, type Discovery, type DiscoveryClock, type DiscoveryErrorCode, type DiscoveryOptions } from '../discovery/index.js';
export { DISCOVERY_MAX_AGE, discoveryEndpoint } from './discovery-endpoint.js';
export { dsErrorResponse, type ErrorCarrier } from './error-response.js';
export { createDirectory, type Directory, type StoredKeyPackage } from './directory.js';
export { createProvider, type Provider, type ProviderOptions } from './provider.js';
export { createReplayStore, REPLAY_MEMORY_MS, type ReplayStore } from './replay-store.js';
export { createVerificationKeys, VERIFICATION_KEY_LIFETIME_MS, type VerificationKeys, type VerificationKeysOptions } from './verification-keys.js';
export { errorToResponse, ProviderError } from './provider-error.js';
export { DEFAULT_MAX_BODY, readBody, type RequestContext } from './request-body.js';
export { signedConnectionKeyPackageRequest, signedGroupKeyPackageRequest } from './signed-requests.js';
export { createClientQueues, DEDUP_MEMORY_MS, type ClientQueues, type QueuedMessage } from './client-queues.js';
export { createOutbox, createOutboxStore, OUTBOX_BACKOFF, type Outbox, type OutboxEntry, type OutboxStore } from './outbox.js';
export { createRateLimiter, DEFAULT_RATE_LIMITS, MAX_BUCKETS, type Budget, type LimitKind, type RateLimiter, type RateLimits } from './rate-limiter.js';
export { UNKNOWN_LEAF } from './endpoints/welcome-information.js';
export { PeerRefusal } from './key-package-client.js';
export { NO_DEFECTS, type ProviderDefects } from './defects.js';
