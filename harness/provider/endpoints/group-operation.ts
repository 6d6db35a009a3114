import { encode, toHex } from '../../codec/index.js';
import { dsRequest, dsResponse, mimiGroupId, type DSRequest, type DSRequestBody, type DSResponseBody, type MlsGroupUpdate } from '../../messages/index.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import { readBody, type RequestContext } from '../request-body.js';
import { createGroup } from './create-group.js';
import { groupUpdate } from './group-update.js';
import { clientsOfUser, ownClients, takeAnonymous } from './key-packages.js';
import { selfRemove, sendMessage } from './member-messages.js';

/** The MLSGroupUpdate (and Welcomes) of a request type that carries a commit. */
function groupUpdateOf(body: DSRequestBody): { update: MlsGroupUpdate; welcomes: MlsGroupUpdateWelcomes } {
  switch (body.request_type) {
    case 'ds_add_users':
      return { update: body.add_users_request.group_update, welcomes: body.add_users_request.welcome_messages };
    case 'ds_add_clients':
      return { update: body.add_clients_request.group_update, welcomes: body.add_clients_request.welcome_messages };
    case 'ds_delete_group':
      return { update: body.delete_group_request.group_update, welcomes: [] };
    case 'ds_remove_users':
      return { update: body.remove_users_request.group_update, welcomes: [] };
    case 'ds_remove_clients':
      return { update: body.remove_clients_request.group_update, welcomes: [] };
    case 'ds_update_client':
      return { update: body.update_client_request.group_update, welcomes: [] };
    case 'ds_external_join':
      return { update: body.external_join_request.group_update, welcomes: [] };
    case 'ds_re_initialize_group':
      return { update: body.re_initialize_group_request.commit, welcomes: [] };
    default:
      throw new ProviderError('internal_error', `${body.request_type} carries no group update`);
  }
}

type MlsGroupUpdateWelcomes = Extract<DSRequestBody, { request_type: 'ds_add_users' }>['add_users_request']['welcome_messages'];

/** A MimiGroupId naming this DS whose local_id no group has, had or is reserved for (profile §2). */
function freshGroupId(state: ProviderState): Uint8Array {
  for (;;) {
    const id = encode(mimiGroupId, { ds_domain: state.dsDomain, local_id: state.randomBytes(16) });
    const key = toHex(id);
    if (!state.groups.has(key) && !state.retiredGroupIds.has(key) && !state.reservedGroupIds.has(key)) return id;
  }
}

function respond(body: DSResponseBody): Response {
  return new Response(encode(dsResponse, { protocol_version: 1, response_body: body }), { status: 200, headers: { 'content-type': 'application/octet-stream' } });
}

/** Profile §8: these request types are anonymous; a signature on them is refused. */
function requireAnonymous(request: DSRequest): void {
  if (request.authentication_data.auth_type !== 'anonymous') throw new ProviderError('unauthorized', `${request.request_body.request_type} is an anonymous request (profile §8)`);
}

/**
 * `POST /group_operation` (transport draft "Process Group Message"): a
 * DSRequest, answered with a DSResponse: every request type of the DS
 * draft's "Client-initiated operations" with the auth type of profile §8.
 * The two joining-information types belong to their own paths (profile §4).
 *
 * @example
 * const response = await groupOperationEndpoint(state, request, context);
 */
export async function groupOperationEndpoint(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const body = await readBody(request, context, dsRequest, 'DSRequest', state.maxBodyBytes);
  const type = body.request_body.request_type;
  const source = context?.remoteAddress ?? 'unknown';
  switch (type) {
    case 'ds_request_group_id':
      requireAnonymous(body);
      return respond({ response_type: 'group_id', group_id: freshGroupId(state) });
    case 'ds_create_group':
      await createGroup(state, body, body.request_body.create_group_request);
      return respond({ response_type: 'ok' });
    case 'ds_signature_public_key':
      requireAnonymous(body);
      return respond({ response_type: 'signature_public_key', signature_public_key: state.verificationKey.publicKey });
    case 'ds_self_remove_client':
      await selfRemove(state, body, body.request_body.self_remove_client_request.proposal);
      return respond({ response_type: 'ok' });
    case 'ds_send_message':
      await sendMessage(state, body, body.request_body.send_message_request.application_message);
      return respond({ response_type: 'ok' });
    case 'ds_add_users':
    case 'ds_add_clients':
    case 'ds_delete_group':
    case 'ds_remove_users':
    case 'ds_remove_clients':
    case 'ds_update_client':
    case 'ds_external_join':
    case 'ds_re_initialize_group': {
      const { update, welcomes } = groupUpdateOf(body.request_body);
      await groupUpdate(state, body, type, update, welcomes, source);
      return respond({ response_type: 'ok' });
    }
    case 'ds_key_packages': {
      // DS draft "Fetch KeyPackages of one or more clients"; anonymous (profile §8).
      requireAnonymous(body);
      const clients = body.request_body.key_packages_request.client_identifiers;
      ownClients(state, clients);
      return respond({ response_type: 'key_packages', key_packages: takeAnonymous(state, clients, 'regular') });
    }
    case 'ds_connection_key_packages': {
      requireAnonymous(body);
      const user = body.request_body.connection_key_packages_request.user_identifier;
      return respond({ response_type: 'connection_key_packages', key_packages: takeAnonymous(state, clientsOfUser(state, user), 'connection') });
    }
    case 'ds_welcome_info':
    case 'ds_external_commit_info':
      throw new ProviderError('wrong_endpoint', `${type} goes to ${type === 'ds_welcome_info' ? '/welcome_information' : '/external_commit_information'} (profile §4)`);
  }
}
