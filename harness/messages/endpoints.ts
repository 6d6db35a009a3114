/**
 * The REST endpoints of draft-kohbrok-mimi-transport-00 ("REST Endpoints",
 * "Endpoint Discovery") with the registry names of their bodies.
 */
export interface Endpoint {
  readonly method: 'GET' | 'POST';
  readonly path: string;
  readonly request: string | null;
  readonly response: string;
  /** The struct error answers carry (profile §10): the response itself when it has an error variant, else DSResponse. */
  readonly errorResponse: string;
}

/**
 * All nine: eight REST endpoints plus discovery. Three GETs carry a body,
 * as the draft specifies (an interoperability finding, see docs/PROFILE.md §10).
 *
 * @example
 * ENDPOINTS.find((e) => e.path === '/group_operation')?.request // 'DSRequest'
 */
export const ENDPOINTS: readonly Endpoint[] = [
  { method: 'POST', path: '/group_operation', request: 'DSRequest', response: 'DSResponse', errorResponse: 'DSResponse' },
  { method: 'GET', path: '/welcome_information', request: 'DSRequest', response: 'DSResponse', errorResponse: 'DSResponse' },
  { method: 'GET', path: '/external_commit_information', request: 'DSRequest', response: 'DSResponse', errorResponse: 'DSResponse' },
  { method: 'GET', path: '/verification_key', request: 'VerificationKeyRequest', response: 'VerificationKeyResponse', errorResponse: 'DSResponse' },
  { method: 'POST', path: '/connection_request', request: 'QueueingServiceRequest', response: 'QueueingServiceResponse', errorResponse: 'QueueingServiceResponse' },
  { method: 'POST', path: '/deliver_message', request: 'QueueingServiceRequest', response: 'QueueingServiceResponse', errorResponse: 'QueueingServiceResponse' },
  { method: 'POST', path: '/connection_key_packages', request: 'ConnectionKeyPackageRequest', response: 'ConnectionKeyPackageResponse', errorResponse: 'ConnectionKeyPackageResponse' },
  { method: 'POST', path: '/group_key_packages', request: 'GroupKeyPackageRequest', response: 'GroupKeyPackageResponse', errorResponse: 'GroupKeyPackageResponse' },
  { method: 'GET', path: '/.well-known/mimi/ds-domain', request: null, response: 'DSDomainResponse', errorResponse: 'DSResponse' },
];
