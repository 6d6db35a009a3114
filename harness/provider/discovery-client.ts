/**
 * Discovery lives in its own layer (harness/discovery/), below the provider
 * and the network; this re-export keeps the provider's modules that name
 * `./discovery-client.js` working.
 */
export { createDiscovery, DiscoveryError, type Discovery, type DiscoveryClock, type DiscoveryErrorCode, type DiscoveryOptions } from '../discovery/index.js';
