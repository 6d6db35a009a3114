import { DS_DOMAIN_PATH } from '../messages/index.js';
import { discoveryEndpoint } from './discovery-endpoint.js';
import { groupOperationEndpoint } from './endpoints/group-operation.js';
import { verificationKeyEndpoint } from './endpoints/verification-key.js';
import { welcomeInformationEndpoint } from './endpoints/welcome-information.js';
import { connectionRequestEndpoint, deliverMessageEndpoint } from './endpoints/queueing-service.js';
import { externalCommitInformationEndpoint } from './endpoints/external-commit-information.js';
import { connectionKeyPackagesEndpoint, groupKeyPackagesEndpoint } from './endpoints/key-packages.js';
import type { ErrorCarrier } from './error-response.js';
import { errorToResponse, ProviderError } from './provider-error.js';
import type { ProviderState } from './provider-state.js';
import type { RequestContext } from './request-body.js';

type EndpointHandler = (state: ProviderState, request: Request, context: RequestContext | undefined) => Promise<Response>;

interface Route {
  readonly path: string;
  /** The draft's method first; the profile adds POST as an alternative on the GET-with-body paths (profile §10). */
  readonly methods: readonly string[];
  /** Which host serves it: the DS domain, or (discovery) the provider domain. */
  readonly on: 'ds' | 'provider';
  readonly carrier: ErrorCarrier;
  readonly handler: EndpointHandler;
}

/**
 * The reference provider's routes: the paths of `ENDPOINTS` (messages/endpoints.ts), each with the
 * methods it accepts (the draft's, POST beside a GET with a body, HEAD beside the discovery GET) and
 * its error carrier. test/provider/routes.test.ts holds the two tables to each other.
 *
 * @example
 * ROUTES.find((r) => r.path === '/group_operation')?.methods; // ['POST']
 */
export const ROUTES: readonly Route[] = [
  { path: '/group_operation', methods: ['POST'], on: 'ds', carrier: 'DSResponse', handler: groupOperationEndpoint },
  { path: '/welcome_information', methods: ['GET', 'POST'], on: 'ds', carrier: 'DSResponse', handler: welcomeInformationEndpoint },
  { path: '/external_commit_information', methods: ['GET', 'POST'], on: 'ds', carrier: 'DSResponse', handler: externalCommitInformationEndpoint },
  { path: '/verification_key', methods: ['GET', 'POST'], on: 'ds', carrier: 'DSResponse', handler: verificationKeyEndpoint },
  { path: '/connection_request', methods: ['POST'], on: 'ds', carrier: 'QueueingServiceResponse', handler: connectionRequestEndpoint },
  { path: '/deliver_message', methods: ['POST'], on: 'ds', carrier: 'QueueingServiceResponse', handler: deliverMessageEndpoint },
  { path: '/connection_key_packages', methods: ['POST'], on: 'ds', carrier: 'ConnectionKeyPackageResponse', handler: connectionKeyPackagesEndpoint },
  { path: '/group_key_packages', methods: ['POST'], on: 'ds', carrier: 'GroupKeyPackageResponse', handler: groupKeyPackagesEndpoint },
  { path: DS_DOMAIN_PATH, methods: ['GET', 'HEAD'], on: 'provider', carrier: 'DSResponse', handler: (state, request) => Promise.resolve(discoveryEndpoint(request, state.dsDomain)) },
];

/**
 * Routes a request to its endpoint module and turns every refusal into the
 * profile's error answer: 404 not_found for an unknown path or a path on the
 * wrong host, 405 method_not_allowed with Allow, 429 rate_limited per
 * source address, and whatever the endpoint throws (profile §10).
 *
 * @example
 * const response = await route(state, request, context);
 */
export async function route(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const url = new URL(request.url);
  const host = url.hostname;
  const found = ROUTES.find((r) => r.path === url.pathname && (r.on === 'ds' ? host === state.dsDomain : host === state.domain));
  if (found === undefined) return errorToResponse(new ProviderError('not_found', `no endpoint ${url.pathname} on ${host}`), 'DSResponse');
  if (!found.methods.includes(request.method)) {
    return errorToResponse(new ProviderError('method_not_allowed', `${url.pathname} accepts ${found.methods.join(', ')}`, { allow: found.methods.join(', ') }), found.carrier);
  }
  try {
    // Transport draft "Rate-limiting": by source address first, before the body is read (profile §10).
    if (found.on === 'ds') state.limiter.take(found.path, 'source', context?.remoteAddress ?? 'unknown');
    return await found.handler(state, request, context);
  } catch (error) {
    return errorToResponse(error, found.carrier);
  }
}
