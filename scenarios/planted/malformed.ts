import { encode, tryDecode } from '../../harness/codec/index.js';
import { decodeErrorAnswer, referenceTarget, wrapTarget } from '../../harness/conformance/index.js';
import { ENDPOINTS, registryEntry, verificationKeyRequest, type Endpoint } from '../../harness/messages/index.js';
import { incomingBody, type ConnectionInfo, type FetchHandler } from '../../harness/network/index.js';
import { dsErrorResponse, type ErrorCarrier } from '../../harness/provider/index.js';
import { mayReadBody, type PlantedBug } from './planted-bug.js';

/** The endpoint a request is for, if it is one with a request body. */
const endpointOf = (request: Request): Endpoint | undefined => ENDPOINTS.find((e) => e.request !== null && e.path === new URL(request.url).pathname);

/** The error code of an answer in the endpoint's carrier, and the answer rebuilt (its body is read once). */
async function codeOf(endpoint: Endpoint, response: Response): Promise<{ readonly code: string | undefined; readonly response: Response }> {
  const body = new Uint8Array(await response.arrayBuffer());
  const error = decodeErrorAnswer(endpoint.errorResponse, body);
  return { code: error.ok ? error.code : undefined, response: new Response(body, { status: response.status, headers: response.headers }) };
}

/** What a rewrite of a refusal gets: the endpoint, the refusal's code, the answer itself, and the request with the inner handler. */
interface Refusal {
  readonly endpoint: Endpoint;
  readonly code: string;
  readonly response: Response;
  readonly request: Request;
  readonly inner: FetchHandler;
  readonly info: ConnectionInfo;
}

/** Rewrites the answers `inner` gives to bodies it could not decode (decode_error, unsupported_version) on `paths` (all when empty). */
const onDecodeRefusal = (paths: readonly string[], rewrite: (refusal: Refusal) => Response | Promise<Response>) => (inner: FetchHandler): FetchHandler => async (request, info) => {
  const endpoint = endpointOf(request);
  if (endpoint === undefined || (paths.length > 0 && !paths.includes(endpoint.path))) return inner(request, info);
  const { code, response } = await codeOf(endpoint, await inner(request, info));
  return code === 'decode_error' || code === 'unsupported_version' ? rewrite({ endpoint, code, response, request, inner, info }) : response;
};

/** Planted bug: bad input crashes the handler, answered 500 with a text body ("answers garbage with 500", issue 10 §4). */
const garbage500 = onDecodeRefusal([], () => new Response('internal server error', { status: 500, headers: { 'content-type': 'text/plain' } }));

/** Planted bug: a decode error is a 400, but its body is text, not the endpoint's error carrier (profile §10). */
const textualDecodeError = onDecodeRefusal(['/connection_key_packages', '/group_key_packages', '/deliver_message'], () => new Response('bad request: the body does not decode', { status: 400, headers: { 'content-type': 'text/plain' } }));

/** Planted bug: a wrong DSProtocolVersion is answered decode_error, not unsupported_version (profile §10). */
const versionAsDecodeError = onDecodeRefusal(['/connection_key_packages', '/group_key_packages'], ({ endpoint, code, response }) =>
  code === 'unsupported_version' ? dsErrorResponse('decode_error', 'the body does not decode', {}, endpoint.errorResponse as ErrorCarrier) : response,
);

/** The request again with `bytes` as its body, method and headers kept (a GET's body goes beside it, as the network passes it). */
function withBody(request: Request, info: ConnectionInfo, bytes: Uint8Array): { readonly request: Request; readonly info: ConnectionInfo } {
  const headers = new Headers(request.headers);
  if (headers.has('content-length')) headers.set('content-length', String(bytes.length));
  if (request.method === 'GET') return { request: new Request(request.url, { method: 'GET', headers }), info: { ...info, rawBody: bytes.length === 0 ? null : new Response(bytes).body } };
  return { request: new Request(request.url, { method: request.method, headers, body: bytes }), info };
}

/** Planted bug: a lenient DSRequest decoder on the DS paths: trailing bytes are cut off before the handler sees the body. */
const acceptsTrailingBytes = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const endpoint = endpointOf(request);
  if (endpoint?.request !== 'DSRequest' || (request.method !== 'GET' && request.method !== 'POST') || !mayReadBody(request)) return inner(request, info);
  const bytes = await incomingBody(request, info);
  const codec = registryEntry('DSRequest')?.codec;
  const decoded = codec === undefined ? undefined : tryDecode(codec, bytes);
  const kept = decoded !== undefined && !decoded.ok && decoded.error.code === 'trailing-bytes' ? bytes.slice(0, decoded.error.offset) : bytes;
  const again = withBody(request, info, kept);
  return inner(again.request, again.info);
};

/** Planted bug: after one body it could not decode, /deliver_message answers decode_error to everything (a parser left out of step). */
const breaksAfterBadBody = (inner: FetchHandler): FetchHandler => {
  let broken = false;
  return async (request, info) => {
    const endpoint = endpointOf(request);
    if (endpoint?.path !== '/deliver_message') return inner(request, info);
    if (broken) return dsErrorResponse('decode_error', 'the parser is out of step', {}, 'QueueingServiceResponse');
    const { code, response } = await codeOf(endpoint, await inner(request, info));
    if (code === 'decode_error') broken = true;
    return response;
  };
};

/** Planted bug: /verification_key never reads its GET body and answers its key to any bytes at all. */
const keyForAnyBody = onDecodeRefusal(['/verification_key'], ({ request, inner, info }) => {
  const host = new URL(request.url).hostname;
  const valid = encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.anyone.test', recipient: host });
  const headers = new Headers(request.headers);
  headers.set('content-length', String(valid.length));
  return inner(new Request(request.url, { method: 'GET', headers }), { ...info, rawBody: new Response(valid).body });
});

const wrapped = (name: string, caughtBy: readonly string[], wrap: (inner: FetchHandler) => FetchHandler): PlantedBug => ({ name, caughtBy, target: (domain) => wrapTarget(referenceTarget({ domain }), name, wrap) });

const every = ['group-operation', 'welcome-information', 'external-commit-information', 'verification-key', 'connection-request', 'deliver-message', 'connection-key-packages', 'group-key-packages'].map((slug) => `malformed.${slug}.spoiled-body`);

/** Planted bugs in the handling of bad input (profile §10), planted by rewriting requests and answers. */
export const MALFORMED_PLANTED: readonly PlantedBug[] = [
  wrapped('answers garbage with 500', [...every, 'transport.http.length-required', 'transport.http.error-carrier', 'malformed.identifiers.fqdn'], garbage500),
  wrapped('answers a decode error with a text body', ['malformed.deliver-message.spoiled-body', 'malformed.connection-key-packages.spoiled-body', 'malformed.group-key-packages.spoiled-body', 'transport.http.length-required', 'transport.http.error-carrier', 'malformed.identifiers.fqdn'], textualDecodeError),
  wrapped('accepts trailing bytes after a DSRequest', ['malformed.group-operation.spoiled-body', 'malformed.welcome-information.spoiled-body', 'malformed.external-commit-information.spoiled-body'], acceptsTrailingBytes),
  wrapped('a bad body breaks /deliver_message', ['malformed.deliver-message.spoiled-body'], breaksAfterBadBody),
  wrapped('answers a wrong version on the KeyPackage paths with decode_error', ['malformed.connection-key-packages.spoiled-body', 'malformed.group-key-packages.spoiled-body'], versionAsDecodeError),
  wrapped('/verification_key answers its key to any body', ['malformed.verification-key.spoiled-body', 'transport.http.length-required', 'transport.http.error-carrier', 'malformed.identifiers.fqdn'], keyForAnyBody),
  { name: 'fetches verification keys with fetch and a GET body', caughtBy: ['malformed.get-with-body.own-client', 'forwarding.deliver-message.recipient-mismatch', 'forwarding.connection-request.recipient-mismatch', 'forwarding.deliver-message.wrong-label', 'forwarding.connection-request.wrong-label', 'forwarding.connection-request.sender-mismatch', 'forwarding.group-key-packages.recipient-mismatch', 'forwarding.connection-key-packages.recipient-mismatch', 'forwarding.group-key-packages.sender-mismatch', 'forwarding.connection-key-packages.sender-mismatch', 'forwarding.group-key-packages.wrong-label', 'forwarding.connection-key-packages.wrong-label', 'forwarding.group-key-packages.requester-of-sender', 'forwarding.connection-key-packages.requester-of-sender', 'adversarial.forwarded-delivery', 'adversarial.spoofed-sender', 'adversarial.relabelled-delivery', 'adversarial.replay.fan-out', 'adversarial.replay.reused-message-id', 'adversarial.replay.connection-request', 'adversarial.replay.key-package-request', 'adversarial.replay.connection-key-package-request', 'adversarial.key-package-drain', 'scripted.connection.establish', 'scripted.key-packages.last-resort', 'scripted.verification-key.rotation', 'scripted.discovery.ds-domain', 'adversarial.replay.refused-then-fixed', 'adversarial.non-owner-delivery'], target: (domain) => referenceTarget({ domain, name: 'fetch GET with a body', defects: { verificationKeyByFetch: true } }) },
];
