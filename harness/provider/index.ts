/**
 * The reference provider (transport draft "REST Endpoints"), one module per
 * endpoint: discovery, the verification key, and the first DS requests on
 * /group_operation so far; a placeholder for `serve`.
 *
 * @example
 * import { createProvider } from 'mimi-transport-harness/provider';
 */
export { checkClientSignature, signedDsRequest } from './client-signature.js';
export { realClock, type ProviderClock } from './clock.js';
export { createDiscovery, DiscoveryError, type Discovery, type DiscoveryErrorCode, type DiscoveryOptions } from './discovery-client.js';
export { DISCOVERY_MAX_AGE, discoveryEndpoint } from './discovery-endpoint.js';
export { dsErrorResponse, type ErrorCarrier } from './error-response.js';
export { placeholderProvider, type ProviderNames } from './placeholder.js';
export { createDirectory, type Directory, type StoredKeyPackage } from './directory.js';
export { createProvider, type Provider, type ProviderOptions } from './provider.js';
export { createReplayStore, type ReplayStore } from './replay-store.js';
export { createVerificationKeys, type VerificationKeys } from './verification-keys.js';
export { errorToResponse, ProviderError } from './provider-error.js';
export { DEFAULT_MAX_BODY, readBody, type RequestContext } from './request-body.js';
export { signedConnectionKeyPackageRequest, signedGroupKeyPackageRequest } from './signed-requests.js';
