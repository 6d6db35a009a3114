import { decode, DecodeError, encode, toHex } from '../../harness/codec/index.js';
import { decodeErrorAnswer } from '../../harness/conformance/index.js';
import { dsRequest, dsResponse, queueingServiceRequest, queueingServiceResponse } from '../../harness/messages/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import { dsErrorResponse } from '../../harness/provider/index.js';
import { mayReadBody } from './planted-bug.js';

const octets = (body: Uint8Array, status = 200) => new Response(body, { status, headers: { 'content-type': 'application/octet-stream' } });
const bodyOf = async (request: Request) => new Uint8Array(await request.clone().arrayBuffer());

/**
 * Planted bug: a delivery that names this DS as its sender is taken for a
 * loopback and acknowledged with ok, unchecked (so a reflected fan-out is
 * accepted instead of refused as wrong_recipient).
 *
 * @example
 * wrapTarget(reference, 'acks reflections', acknowledgesOwnDeliveries('ds.target.test'));
 */
export const acknowledgesOwnDeliveries = (dsDomain: string) => (inner: FetchHandler): FetchHandler => async (request, info) => {
  if (new URL(request.url).pathname !== '/deliver_message' || !mayReadBody(request)) return inner(request, info);
  try {
    if (decode(queueingServiceRequest, await bodyOf(request)).fanout_request.sender === dsDomain) return octets(encode(queueingServiceResponse, { protocol_version: 1, response_body: { response_type: 'ok' } }));
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
  return inner(request, info);
};

/**
 * Planted bug: an HTTP-level idempotency cache on /group_operation that
 * answers a byte-identical repeat of an accepted request with the first
 * answer, so a replayed commit gets ok instead of wrong_epoch.
 *
 * @example
 * wrapTarget(reference, 'caches answers', cachesGroupOperationAnswers);
 */
export const cachesGroupOperationAnswers = (inner: FetchHandler): FetchHandler => {
  const answers = new Map<string, Uint8Array>();
  return async (request, info) => {
    if (new URL(request.url).pathname !== '/group_operation' || !mayReadBody(request)) return inner(request, info);
    const bytes = await bodyOf(request);
    // Only signed requests are cached: an anonymous ds_request_group_id is meant to give a fresh id each time.
    let signed = false;
    try {
      signed = decode(dsRequest, bytes).authentication_data.auth_type === 'client_signature';
    } catch (error) {
      if (!(error instanceof DecodeError)) throw error;
    }
    if (!signed) return inner(request, info);
    const key = toHex(bytes);
    const cached = answers.get(key);
    if (cached !== undefined) return octets(cached.slice());
    const response = await inner(request, info);
    if (response.status !== 200) return response;
    const body = new Uint8Array(await response.arrayBuffer());
    answers.set(key, body);
    return octets(body);
  };
};

/** Rewrites answers with one error code into another (a planted bug that shows in its answer only). */
const rewritesRefusal = (path: string, from: string, to: Parameters<typeof dsErrorResponse>[0], message: string) => (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (!new URL(request.url).pathname.startsWith(path) || response.status < 400) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const error = decodeErrorAnswer('DSResponse', body);
  if (error.ok && error.code === from) return dsErrorResponse(to, message);
  return new Response(body, { status: response.status, headers: response.headers });
};

/**
 * Planted bug: no owner check, so a group of another DS is looked up among
 * its own and answered `unknown_group` instead of `not_owner`.
 *
 * @example
 * wrapTarget(reference, 'no owner check', skipsOwnerCheck);
 */
export const skipsOwnerCheck = rewritesRefusal('/', 'not_owner', 'unknown_group', 'no such group on this DS');

/**
 * Planted bug: a commit whose signatures do not verify is dropped but
 * answered ok (its sender is told it went through; nothing is applied).
 *
 * @example
 * wrapTarget(reference, 'acks bad signatures', acknowledgesBadCommitSignatures);
 */
export const acknowledgesBadCommitSignatures = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (new URL(request.url).pathname !== '/group_operation' || response.status !== 403) return response;
  const body = new Uint8Array(await response.arrayBuffer());
  const error = decodeErrorAnswer('DSResponse', body);
  if (error.ok && error.code === 'invalid_signature') return octets(encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'ok' } }));
  return new Response(body, { status: response.status, headers: response.headers });
};
