/**
 * DS discovery as a client does it (transport draft "Endpoint Discovery",
 * profile §11). Its own layer, below both the provider (which discovers its
 * peers' DS domains) and the network (`Network.discoverDsDomain`), so that
 * neither has to know the other.
 *
 * @example
 * import { createDiscovery } from 'mimi-transport-harness/discovery';
 * const discovery = createDiscovery({ clock: network.clock });
 */
export { createDiscovery, DiscoveryError, type Discovery, type DiscoveryClock, type DiscoveryErrorCode, type DiscoveryOptions } from './discovery-client.js';
