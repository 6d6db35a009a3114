/**
 * The reference provider (transport draft "REST Endpoints"), one module per
 * endpoint. So far: discovery, the error responses of profile §10, and a
 * placeholder that answers the other endpoints with a clear error.
 *
 * @example
 * import { placeholderProvider } from 'mimi-transport-harness/provider';
 */
export { DISCOVERY_MAX_AGE, discoveryEndpoint } from './discovery-endpoint.js';
export { dsErrorResponse, type ErrorCarrier } from './error-response.js';
export { placeholderProvider, type ProviderNames } from './placeholder.js';
