import { referenceTarget, wrapTarget } from '../../harness/conformance/index.js';
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
  return inner(new Request(request.url, { method: 'POST', headers, body: await request.arrayBuffer() }), info);
};

const wrapped = (name: string, caughtBy: string, wrap: (inner: FetchHandler) => FetchHandler): PlantedBug => ({ name, caughtBy: [caughtBy], target: (domain) => wrapTarget(referenceTarget({ domain }), name, wrap) });

/** Planted bugs in HTTP semantics (profile §10), planted by rewriting answers. */
export const TRANSPORT_PLANTED: readonly PlantedBug[] = [
  wrapped('answers 200 instead of 405', 'transport.http.method-not-allowed', answers200For405),
  wrapped('answers 405 without Allow', 'transport.http.method-not-allowed', noAllowHeader),
  wrapped('ignores Content-Type', 'transport.http.unsupported-media-type', ignoresContentType),
  wrapped('answers 415 with a text body', 'transport.http.unsupported-media-type', textual415),
];
