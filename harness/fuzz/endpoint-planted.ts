/**
 * Planted-bug providers of the endpoint fuzzer (docs/FUZZING.md "Endpoint
 * fuzzing"): each must be caught by `mimi-harness fuzz --endpoint` within a
 * bounded run. They are kept apart from the catalog's planted bugs
 * (scenarios/planted), whose `caughtBy` lists are the catalog's.
 */
import { tryDecode } from '../codec/index.js';
import { decodeErrorAnswer, referenceTarget, wrapTarget, type Target } from '../conformance/index.js';
import { ENDPOINTS, registryEntry } from '../messages/index.js';

/** One planted bug: its name, what it does wrong, the endpoint that shows it, and its target. */
export interface EndpointPlantedBug {
  readonly name: string;
  readonly defect: string;
  readonly endpoint: string;
  readonly target: (domain: string) => Target;
}

/** The strict decoder's error code for a request body of `path`, or undefined if it decodes (or has no body). */
function strictCode(path: string, body: Uint8Array): string | undefined {
  const name = ENDPOINTS.find((e) => e.path === path)?.request;
  const codec = name == null ? undefined : registryEntry(name)?.codec;
  if (codec === undefined) return undefined;
  const decoded = tryDecode(codec, body);
  return decoded.ok ? undefined : decoded.error.code;
}

/**
 * The endpoint fuzzer's planted bugs.
 *
 * @example
 * const target = ENDPOINT_PLANTED[0].target('target.test');
 */
export const ENDPOINT_PLANTED: readonly EndpointPlantedBug[] = [
  {
    name: 'fuzz: 500 on trailing bytes',
    defect: 'a body with bytes after the request struct is answered 500 (profile §10: bad input MUST NOT cause a 5xx)',
    endpoint: '/connection_request',
    target: (domain) => wrapTarget(referenceTarget({ domain }), 'fuzz: 500 on trailing bytes', (inner) => async (request, info) => {
      const path = new URL(request.url).pathname;
      const body = new Uint8Array(await request.clone().arrayBuffer());
      if (body.length > 0 && strictCode(path, body) === 'trailing-bytes') return new Response('internal error', { status: 500 });
      return inner(request, info);
    }),
  },
  {
    name: 'fuzz: plain-text refusals',
    defect: 'a 400 answer carries a text body, not the endpoint\'s error carrier (profile §10: every error answer is the endpoint\'s response type)',
    endpoint: '/connection_key_packages',
    target: (domain) => wrapTarget(referenceTarget({ domain }), 'fuzz: plain-text refusals', (inner) => async (request, info) => {
      const answer = await inner(request, info);
      return answer.status === 400 ? new Response('bad request', { status: 400, headers: { 'content-type': 'text/plain' } }) : answer;
    }),
  },
  {
    name: 'fuzz: 500 on a commit it cannot validate',
    defect: 'a commit that its validation refuses (422 invalid_commit or invalid_group_info) escapes as 500 (profile §10: bad input MUST NOT cause a 5xx); only a correctly signed, mutated commit gets that far',
    endpoint: '/group_operation',
    target: (domain) => wrapTarget(referenceTarget({ domain }), 'fuzz: 500 on a commit it cannot validate', (inner) => async (request, info) => {
      const answer = await inner(request, info);
      if (new URL(request.url).pathname !== '/group_operation' || answer.status !== 422) return answer;
      const body = new Uint8Array(await answer.clone().arrayBuffer());
      const refusal = decodeErrorAnswer('DSResponse', body);
      return refusal.ok && ['invalid_commit', 'invalid_group_info'].includes(refusal.code) ? new Response('internal error', { status: 500 }) : answer;
    }),
  },
  {
    name: 'fuzz: refused KeyPackage request consumes',
    defect: '/group_key_packages uses up the KeyPackages before checking the signature, so a refused request still consumes them (profile §6)',
    endpoint: '/group_key_packages',
    target: (domain) => referenceTarget({ domain, name: 'fuzz: refused KeyPackage request consumes', defects: { consumesKeyPackagesOfRefused: true } }),
  },
];
