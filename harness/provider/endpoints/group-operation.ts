import { encode } from '../../codec/index.js';
import { dsRequest, dsResponse, mimiGroupId, type DSRequest, type DSResponseBody } from '../../messages/index.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import { readBody, type RequestContext } from '../request-body.js';
import { createGroup } from './create-group.js';

function respond(body: DSResponseBody): Response {
  return new Response(encode(dsResponse, { protocol_version: 1, response_body: body }), { status: 200, headers: { 'content-type': 'application/octet-stream' } });
}

/** Request types that belong to the joining-information endpoints (profile §4). */
const ELSEWHERE = new Set(['ds_welcome_info', 'ds_external_commit_info']);

/** Profile §8: these request types are anonymous; a signature on them is refused. */
function requireAnonymous(request: DSRequest): void {
  if (request.authentication_data.auth_type !== 'anonymous') throw new ProviderError('unauthorized', `${request.request_body.request_type} is an anonymous request (profile §8)`);
}

/**
 * `POST /group_operation` (transport draft "Process Group Message"): a
 * DSRequest, answered with a DSResponse. So far: RequestGroupId (a fresh
 * MimiGroupId naming this DS, profile §2) and the DS's signature public key
 * (profile §8: the provider verification key). The group operations answer
 * `unavailable` until the DS lands.
 *
 * @example
 * const response = await groupOperationEndpoint(state, request, context);
 */
export async function groupOperationEndpoint(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const body = await readBody(request, context, dsRequest, 'DSRequest', state.maxBodyBytes);
  const type = body.request_body.request_type;
  if (ELSEWHERE.has(type)) throw new ProviderError('wrong_endpoint', `${type} goes to ${type === 'ds_welcome_info' ? '/welcome_information' : '/external_commit_information'} (profile §4)`);
  switch (type) {
    case 'ds_request_group_id':
      requireAnonymous(body);
      return respond({ response_type: 'group_id', group_id: encode(mimiGroupId, { ds_domain: state.dsDomain, local_id: state.randomBytes(16) }) });
    case 'ds_create_group':
      await createGroup(state, body, body.request_body.create_group_request);
      return respond({ response_type: 'ok' });
    case 'ds_signature_public_key':
      requireAnonymous(body);
      return respond({ response_type: 'signature_public_key', signature_public_key: state.verificationKey.publicKey });
    default:
      throw new ProviderError('unavailable', `${type} is not implemented by the reference provider yet`);
  }
}
