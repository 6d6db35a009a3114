import { randomBytes } from 'node:crypto';
import { encode, toHex } from 'mimi-transport-harness/codec';
import { dsRequest, dsResponse, mimiGroupId, type DSRequest, type DSRequestBody, type DSResponseBody } from 'mimi-transport-harness/messages';
import type { ProviderContext } from './context.js';
import { createGroup } from './create-group.js';
import { groupUpdate, type GroupUpdateType } from './group-update.js';
import { createAnonymousBudget } from './key-packages.js';
import { selfRemove, sendMessage } from './member-messages.js';
import { ok, ProtocolError, type Answer } from './protocol-error.js';
import { decodeRequest } from './read-body.js';

const answer = (body: DSResponseBody): Answer => ok(encode(dsResponse, { protocol_version: 1, response_body: body }));

/** Profile §8: these request types are anonymous; a signature on them is `unauthorized`. */
function requireAnonymous(request: DSRequest): void {
  if (request.authentication_data.auth_type !== 'anonymous') throw new ProtocolError('unauthorized', `${request.request_body.request_type} is an anonymous request (profile §8)`);
}

/** A MimiGroupId naming this DS that no group has or had (profile §2, §14). */
function freshGroupId(ctx: ProviderContext): Uint8Array {
  for (;;) {
    const id = encode(mimiGroupId, { ds_domain: ctx.dsDomain, local_id: new Uint8Array(randomBytes(16)) });
    if (!ctx.groups.has(toHex(id)) && !ctx.retired.has(toHex(id))) return id;
  }
}

type Embedded = Extract<DSRequestBody, { request_type: 'ds_add_users' }>['add_users_request']['welcome_messages'];

function updateOf(body: DSRequestBody) {
  const none: Embedded = [];
  switch (body.request_type) {
    case 'ds_add_users':
      return { update: body.add_users_request.group_update, welcomes: body.add_users_request.welcome_messages };
    case 'ds_add_clients':
      return { update: body.add_clients_request.group_update, welcomes: body.add_clients_request.welcome_messages };
    case 'ds_delete_group':
      return { update: body.delete_group_request.group_update, welcomes: none };
    case 'ds_remove_users':
      return { update: body.remove_users_request.group_update, welcomes: none };
    case 'ds_remove_clients':
      return { update: body.remove_clients_request.group_update, welcomes: none };
    case 'ds_update_client':
      return { update: body.update_client_request.group_update, welcomes: none };
    case 'ds_external_join':
      return { update: body.external_join_request.group_update, welcomes: none };
    case 'ds_re_initialize_group':
      return { update: body.re_initialize_group_request.commit, welcomes: none };
    default:
      throw new ProtocolError('internal_error', `${body.request_type} carries no group update`);
  }
}

/**
 * `POST /group_operation` (transport draft "Process Group Message"; DS draft "Client-initiated operations"): a
 * DSRequest, answered with a DSResponse, with the auth type profile §8 gives each request type. The two
 * joining-information types go to their own paths (`wrong_endpoint`, profile §4).
 *
 * @example
 * const run = createGroupOperation();
 * const answer = await run(ctx, bytes);
 */
export function createGroupOperation() {
  const budget = createAnonymousBudget();
  return async (ctx: ProviderContext, bytes: Uint8Array): Promise<Answer> => {
    const request = decodeRequest(dsRequest, 'DSRequest', bytes);
    const body = request.request_body;
    const type = body.request_type;
    switch (type) {
      case 'ds_request_group_id':
        requireAnonymous(request);
        return answer({ response_type: 'group_id', group_id: freshGroupId(ctx) });
      case 'ds_create_group':
        await createGroup(ctx, request, body.create_group_request);
        return answer({ response_type: 'ok' });
      case 'ds_signature_public_key':
        requireAnonymous(request);
        return answer({ response_type: 'signature_public_key', signature_public_key: ctx.keys.publicKey });
      case 'ds_send_message':
        await sendMessage(ctx, request, body.send_message_request.application_message);
        return answer({ response_type: 'ok' });
      case 'ds_self_remove_client':
        await selfRemove(ctx, request, body.self_remove_client_request.proposal);
        return answer({ response_type: 'ok' });
      case 'ds_key_packages':
        requireAnonymous(request);
        return answer({ response_type: 'key_packages', key_packages: budget.take(ctx, body.key_packages_request.client_identifiers, 'regular') });
      case 'ds_connection_key_packages':
        requireAnonymous(request);
        return answer({ response_type: 'connection_key_packages', key_packages: budget.take(ctx, ctx.directory.clientsOf(body.connection_key_packages_request.user_identifier), 'connection') });
      case 'ds_welcome_info':
      case 'ds_external_commit_info':
        throw new ProtocolError('wrong_endpoint', `${type} goes to ${type === 'ds_welcome_info' ? '/welcome_information' : '/external_commit_information'} (profile §4)`);
      default: {
        const { update, welcomes } = updateOf(body);
        await groupUpdate(ctx, request, type satisfies GroupUpdateType, update, welcomes);
        return answer({ response_type: 'ok' });
      }
    }
  };
}
