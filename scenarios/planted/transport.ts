import { encode } from '../../harness/codec/index.js';
import { decodeErrorAnswer, referenceTarget, wrapTarget, type TargetTls } from '../../harness/conformance/index.js';
import { DS_DOMAIN_PATH, dsDomainResponse, ENDPOINTS } from '../../harness/messages/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import type { PlantedBug } from './planted-bug.js';

/** Planted bug: every 405 becomes an empty 200 (the router forgets method checks). */
const answers200For405 = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  return response.status === 405 ? new Response(new Uint8Array(0), { status: 200, headers: { 'content-type': 'application/octet-stream' } }) : response;
};

/** Planted bug: the 405 is right but carries no Allow header (RFC 9110 §15.5.6 makes it a MUST). */
const noAllowHeader = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (response.status !== 405) return response;
  const headers = new Headers(response.headers);
  headers.delete('allow');
  return new Response(await response.arrayBuffer(), { status: 405, headers });
};

/** Planted bug: the 415 is right but its body is text, not the endpoint's error carrier. */
const textual415 = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  return response.status === 415 ? new Response('unsupported media type', { status: 415, headers: { 'content-type': 'text/plain' } }) : response;
};

/** Planted bug: the Content-Type is never looked at (every request is treated as application/octet-stream). */
const ignoresContentType = (inner: FetchHandler): FetchHandler => async (request, info) => {
  if (request.method !== 'POST') return inner(request, info);
  const headers = new Headers(request.headers);
  headers.set('content-type', 'application/octet-stream');
  // The body streams on unread, so that only the Content-Type check is missing (not the size check before reading).
  const init: RequestInit & { duplex?: 'half' } = { method: 'POST', headers, body: request.body, duplex: 'half' };
  return inner(new Request(request.url, init), info);
};

/** Planted bug: a request with no length is taken for an empty body (Content-Length: 0) instead of 411. */
const noLengthAsEmpty = (inner: FetchHandler): FetchHandler => async (request, info) => {
  if (request.headers.has('content-length') || info.chunked || request.method === 'DELETE') return inner(request, info);
  const headers = new Headers(request.headers);
  headers.set('content-length', '0');
  return inner(new Request(request.url, { method: request.method, headers }), info);
};

/** Planted bug: a chunked body is refused with 411, as if only Content-Length framed a body (the profile accepts chunked). */
const refusesChunked = (inner: FetchHandler): FetchHandler => (request, info) => (info.chunked ? inner(new Request(request.url, { method: request.method, headers: request.headers }), { ...info, chunked: false, rawBody: null }) : inner(request, info));

/** Planted bug: the whole body is read before its size is checked (a framework that buffers), so an oversized one is waited for. */
const buffersBeforeLimit = (inner: FetchHandler): FetchHandler => async (request, info) => {
  if (request.method === 'POST' && request.body !== null) {
    const body = await request.arrayBuffer();
    return inner(new Request(request.url, { method: 'POST', headers: request.headers, body }), info);
  }
  if (info.rawBody !== null) {
    const body = await new Response(info.rawBody).arrayBuffer();
    return inner(request, { ...info, rawBody: new Response(body).body });
  }
  return inner(request, info);
};

/** The DS's two information paths; the harness's own clients POST to them, its peers GET /verification_key. */
const INFO_PATHS = new Set(['/welcome_information', '/external_commit_information']);

/** Planted bug: the DS's information endpoints ignore the body of a GET (as a fetch-based router drops it). */
const ignoresGetBody = (inner: FetchHandler): FetchHandler => (request, info) => inner(request, request.method === 'GET' && INFO_PATHS.has(new URL(request.url).pathname) ? { ...info, rawBody: null } : info);

/** Planted bug: error answers are labelled text/plain (the bytes are still the right carrier). */
const errorsAsText = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (response.status < 400) return response;
  const headers = new Headers(response.headers);
  headers.set('content-type', 'text/plain; charset=utf-8');
  return new Response(await response.arrayBuffer(), { status: response.status, headers });
};

const KNOWN_PATHS = new Set(ENDPOINTS.map((e) => e.path));

/** Planted bug: an unknown path gets a web framework's default 404 page, not the typed not_found. */
const htmlNotFound = (inner: FetchHandler): FetchHandler => async (request, info) => {
  if (KNOWN_PATHS.has(new URL(request.url).pathname)) return inner(request, info);
  return new Response('<html><body>Not Found</body></html>', { status: 404, headers: { 'content-type': 'text/html' } });
};

/** Planted bug: discovery names the provider domain instead of the DS domain. */
const discoveryNamesProvider = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const url = new URL(request.url);
  if (url.pathname !== DS_DOMAIN_PATH) return inner(request, info);
  const response = await inner(request, info);
  return response.status === 200 ? new Response(encode(dsDomainResponse, { ds_domain: url.hostname }), { status: 200, headers: response.headers }) : response;
};

const wrapped = (name: string, caughtBy: string | readonly string[], wrap: (inner: FetchHandler) => FetchHandler): PlantedBug => ({ name, caughtBy: typeof caughtBy === 'string' ? [caughtBy] : caughtBy, target: (domain) => wrapTarget(referenceTarget({ domain }), name, wrap) });

/** A reference target with a declared TLS configuration (Target.tls) other than the default. */
const withTls = (name: string, caughtBy: readonly string[], tls: (domain: string) => TargetTls): PlantedBug => ({ name, caughtBy, target: (domain) => ({ ...referenceTarget({ domain }), name, tls: tls(domain) }) });

/**
 * Planted bug: error answers carry a control character (BEL) in
 * DSError.message, which profile §3 forbids ("strict UTF-8, at most 1024
 * bytes, without control characters but TAB and LF"). The message is the
 * last field of every error carrier, so the body's tail is rewritten.
 */
const bellInErrorMessages = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (response.status < 400) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const endpoint = ENDPOINTS.find((e) => e.path === new URL(request.url).pathname);
  const decoded = decodeErrorAnswer(endpoint?.errorResponse ?? 'DSResponse', body);
  const message = decoded.ok ? new TextEncoder().encode(decoded.message) : undefined;
  // Only a short message (a one-byte length prefix, RFC 9420 §2.1.2) is rewritten; it ends the body.
  const start = message === undefined || message.length >= 63 ? -1 : body.length - message.length - 1;
  const bad = start < 0 || body[start] !== message?.length ? body : Uint8Array.from([...body.subarray(0, start), (message?.length ?? 0) + 1, ...body.subarray(start + 1), 0x07]);
  return new Response(bad, { status: response.status, headers: response.headers });
};

/** Planted bugs in TLS (declared through Target.tls), HTTP semantics (profile §10) and discovery (profile §11), the latter planted by rewriting requests and answers. */
export const TRANSPORT_PLANTED: readonly PlantedBug[] = [
  { name: 'answers 200 instead of 405', caughtBy: ['transport.http.method-not-allowed', 'transport.http.error-carrier'], target: (domain) => wrapTarget(referenceTarget({ domain }), 'answers 200 instead of 405', answers200For405) },
  wrapped('answers 405 without Allow', 'transport.http.method-not-allowed', noAllowHeader),
  wrapped('ignores Content-Type', 'transport.http.unsupported-media-type', ignoresContentType),
  wrapped('answers 415 with a text body', 'transport.http.unsupported-media-type', textual415),
  withTls('accepts TLS 1.2', ['transport.tls.min-version'], () => ({ minVersion: 'TLSv1.2' })),
  // @note a certificate lacking the DS domain (or for another host) would fail every check of the catalog, since
  // every request to the target fails; lacking the provider domain, only what goes through discovery fails.
  withTls('certificate lacks the provider domain', ['transport.tls.certificate-names', 'transport.http.method-not-allowed', 'transport.http.error-carrier', 'transport.http.unknown-path', 'transport.discovery.ds-domain', 'forwarding.deliver-message.recipient-mismatch', 'forwarding.connection-request.recipient-mismatch', 'forwarding.deliver-message.wrong-label', 'forwarding.connection-request.wrong-label', 'forwarding.connection-request.sender-mismatch', 'adversarial.forwarded-delivery', 'adversarial.spoofed-sender', 'adversarial.relabelled-delivery', 'adversarial.replay.fan-out', 'adversarial.replay.reused-message-id', 'adversarial.replay.connection-request', 'adversarial.replay.key-package-request', 'adversarial.replay.connection-key-package-request', 'scripted.connection.establish', 'scripted.key-packages.last-resort', 'scripted.verification-key.rotation', 'scripted.discovery.ds-domain', 'adversarial.replay.refused-then-fixed', 'adversarial.non-owner-delivery', 'adversarial.false-key-package-answer'], (domain) => ({ certificateNames: [`ds.${domain}`] })),
  { name: 'drops a delivery after a TLS failure', caughtBy: ['transport.tls.bad-peer'], target: (domain) => referenceTarget({ domain, name: 'drops a delivery after a TLS failure', defects: { dropsDeliveryAfterTlsFailure: true } }) },
  wrapped('takes a body without length for an empty one', 'transport.http.length-required', noLengthAsEmpty),
  wrapped('refuses a chunked body with 411', 'transport.http.length-required', refusesChunked),
  wrapped('reads the whole body before checking its size', 'transport.http.payload-too-large', buffersBeforeLimit),
  wrapped('ignores the body of a GET on the information paths', ['transport.http.get-with-body', 'malformed.welcome-information.spoiled-body', 'malformed.external-commit-information.spoiled-body', 'rate-limit.welcome-information.per-group', 'rate-limit.external-commit-information.per-group'], ignoresGetBody),
  wrapped('labels error answers text/plain', 'transport.http.error-carrier', errorsAsText),
  // Every check that decodes an error answer catches it (measured against the whole catalog).
  wrapped('puts a control character in error messages', [
    'transport.http.method-not-allowed',
    'transport.http.unsupported-media-type',
    'transport.http.length-required',
    'transport.http.payload-too-large',
    'transport.http.get-with-body',
    'transport.http.error-carrier',
    'transport.http.unknown-path',
    'forwarding.verification-key.recipient-mismatch',
    'forwarding.deliver-message.recipient-mismatch',
    'forwarding.connection-request.recipient-mismatch',
    'forwarding.deliver-message.wrong-label',
    'forwarding.connection-request.wrong-label',
    'forwarding.connection-request.sender-mismatch',
    'forwarding.group-key-packages.recipient-mismatch',
    'forwarding.connection-key-packages.recipient-mismatch',
    'forwarding.group-key-packages.sender-mismatch',
    'forwarding.connection-key-packages.sender-mismatch',
    'forwarding.group-key-packages.wrong-label',
    'forwarding.connection-key-packages.wrong-label',
    'ds.create-group.group-id',
    'ds.create-group.sender-index',
    'ds.auth.wrong-auth-type',
    'ds.auth.blank-leaf',
    'ds.auth.sender-index-mismatch',
    'ds.auth.bad-signature',
    'ds.commit.wrong-epoch',
    'ds.commit.unknown-group',
    'ds.welcome-info.joiner-only',
    'ds.delete-group.forgotten',
    'ds.reinit.group-id',
    'ds.key-packages.other-provider',
    'ds.joining-info.wrong-endpoint',
    'ds.self-remove.single-remove',
    'ds.connection-key-packages.native',
    'ds.create-group.group-context',
    'adversarial.forwarded-delivery',
    'adversarial.spoofed-sender',
    'adversarial.relabelled-delivery',
    'adversarial.reflection',
    'adversarial.commit-replay.cross-epoch',
    'adversarial.commit-replay.cross-group',
    'adversarial.foreign-group',
    'adversarial.welcome-info.foreign-leaf',
    'malformed.welcome-information.spoiled-body',
    'malformed.external-commit-information.spoiled-body',
    'malformed.verification-key.spoiled-body',
    'malformed.connection-request.spoiled-body',
    'malformed.deliver-message.spoiled-body',
    'malformed.connection-key-packages.spoiled-body',
    'malformed.group-key-packages.spoiled-body',
    'rate-limit.source.triggers-at-budget',
    'rate-limit.source.isolates',
    'rate-limit.source.recovers',
    'rate-limit.group-operation.per-member',
    'rate-limit.refusal-changes-nothing',
    'scripted.delete.group-gone',
    'ds.add-users.credential-unchanged',
    'ds.remove-users.credential-unchanged',
    'ds.add-clients.credential-unchanged',
    'ds.remove-clients.credential-unchanged',
    'ds.update.validate-credential',
    'ds.add-clients.only-adds',
    'ds.commit.group-context-unchanged',
    'adversarial.replay.refused-then-fixed',
  ], bellInErrorMessages),
  wrapped('answers unknown paths with an HTML 404', 'transport.http.unknown-path', htmlNotFound),
  wrapped('discovery names the provider domain', ['transport.discovery.ds-domain', 'forwarding.deliver-message.recipient-mismatch', 'forwarding.connection-request.recipient-mismatch', 'forwarding.deliver-message.wrong-label', 'forwarding.connection-request.wrong-label', 'forwarding.connection-request.sender-mismatch', 'adversarial.forwarded-delivery', 'adversarial.spoofed-sender', 'adversarial.relabelled-delivery', 'adversarial.replay.fan-out', 'adversarial.replay.reused-message-id', 'adversarial.replay.connection-request', 'adversarial.replay.key-package-request', 'adversarial.replay.connection-key-package-request', 'scripted.connection.establish', 'scripted.key-packages.last-resort', 'scripted.verification-key.rotation', 'scripted.discovery.ds-domain', 'adversarial.replay.refused-then-fixed', 'adversarial.non-owner-delivery', 'adversarial.false-key-package-answer'], discoveryNamesProvider),
];
