import { decode, DecodeError, encode } from '../../codec/index.js';
import { clientIdText, dsFanoutRequestTbs, FANOUT_SIGNATURE_LABELS, mimiGroupId, queueingServiceRequest, queueingServiceResponse, type QSRequestType, type QueueingServiceRequest } from '../../messages/index.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import type { RequestContext } from '../request-body.js';
import { signedRequest } from '../signed-request-flow.js';

/**
 * Transport draft "Deliver Message": an owning provider delivers messages of
 * its own groups. A group message's group id must name the sender (profile
 * §2); a Welcome hides its group, so it cannot be checked here.
 */
function checkGroupOwner(sender: string, message: QueueingServiceRequest['fanout_request']['mls_message']['value']): void {
  const groupId = message.wireformat === 'mls_public_message' ? message.publicMessage.content.groupId : message.wireformat === 'mls_private_message' ? message.privateMessage.groupId : undefined;
  if (groupId === undefined) return;
  let owner: string | undefined;
  try {
    owner = decode(mimiGroupId, groupId).ds_domain;
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
  if (owner !== sender) throw new ProviderError('unauthorized', `${sender} delivers a message of a group it does not own (${owner ?? 'not a MimiGroupId'})`);
}


/**
 * The queueing service's two endpoints (transport draft "Deliver Message",
 * "Deliver Connection Request"; profile §5, §6, §13): a signed
 * QueueingServiceRequest of the path's type, for clients of this provider,
 * put into each recipient's queue once, however often it is delivered.
 */
function queueingService(path: QSRequestType) {
  const type = {
    name: 'QueueingServiceRequest',
    codec: queueingServiceRequest,
    frameOf: (body: QueueingServiceRequest) => body.fanout_request,
    tbs: dsFanoutRequestTbs,
    labelOf(body: QueueingServiceRequest) {
      if (body.request_type !== path) throw new ProviderError('wrong_endpoint', `a ${body.request_type} does not go to /${path} (profile §5)`);
      return FANOUT_SIGNATURE_LABELS[path];
    },
  };
  return (state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> =>
    signedRequest(state, request, context, type, (body) => {
      const fanout = body.fanout_request;
      if (fanout.recipient_ids.length === 0) throw new ProviderError('invalid_request', 'no recipient_ids');
      for (const client of fanout.recipient_ids) {
        if (client.user.domain !== state.domain) throw new ProviderError('wrong_recipient', `${clientIdText(client)} is not a client of ${state.domain}`);
        if (!state.directory.hasClient(client)) throw new ProviderError('unknown_client', `no client ${clientIdText(client)}`);
      }
      const format = fanout.mls_message.value.wireformat;
      // Profile §5: a DS fans out group messages and Welcomes, nothing else.
      if (format !== 'mls_public_message' && format !== 'mls_private_message' && format !== 'mls_welcome') throw new ProviderError('invalid_message', `a DS does not deliver a ${format}`);
      // Planted bug (defects.qsAcceptsForeignGroupMessages): the owner check of profile §14 left out.
      if (state.defects.qsAcceptsForeignGroupMessages !== true) checkGroupOwner(fanout.sender, fanout.mls_message.value);
      if (path === 'connection_request' && fanout.mls_message.value.wireformat !== 'mls_welcome') throw new ProviderError('invalid_message', `a connection request carries a Welcome, not a ${fanout.mls_message.value.wireformat} (profile §5)`);
      state.live();
      // Planted bug (defects.noReplayMemory): a fresh local id defeats the per-client deduplication of profile §13.
      const messageId = state.defects.noReplayMemory?.includes(`/${path}`) === true ? -(state.nextLocalMessageId++) : fanout.message_id;
      for (const client of fanout.recipient_ids) state.queues.deliver(client, { sender: fanout.sender, messageId, kind: path, message: fanout.mls_message.bytes });
      return encode(queueingServiceResponse, { protocol_version: 1, response_body: { response_type: 'ok' } });
    });
}

/** `POST /deliver_message`. @example const response = await deliverMessageEndpoint(state, request, context); */
export const deliverMessageEndpoint = queueingService('deliver_message');

/** `POST /connection_request`. @example const response = await connectionRequestEndpoint(state, request, context); */
export const connectionRequestEndpoint = queueingService('connection_request');
