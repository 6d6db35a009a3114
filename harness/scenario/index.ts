/**
 * The runtime scenarios are written in: a federation of reference providers
 * on one simulated network, and virtual clients that run the DS draft's
 * operations against it.
 *
 * @example
 * import { createFederation, createVirtualClient } from 'mimi-transport-harness/scenario';
 */
export { embedded, ownerOf, postDsRequest, RequestRefused } from './ds-client.js';
export { createFederation, FEDERATION_START, providerHost, type Federation, type FederationMember, type FederationOptions } from './federation.js';
export { createVirtualClient, epochIn, type ClientHome, type ReceivedMessage, type VirtualClient } from './virtual-client.js';
export { LIFECYCLE_PROVIDERS, runLifecycle, type LifecycleResult } from './lifecycle.js';
