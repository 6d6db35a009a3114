import { encode } from '../../codec/index.js';
import { dsFanoutRequestTbs, FANOUT_SIGNATURE_LABELS, queueingServiceRequest, queueingServiceResponse, type QSRequestType, type QueueingServiceRequest } from '../../messages/index.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import type { RequestContext } from '../request-body.js';
import { signedRequest } from '../signed-request-flow.js';

const clientName = (c: { user: { user_name: string; domain: string }; client_name: string }) => `${c.client_name}/${c.user.user_name}@${c.user.domain}`;

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
        if (client.user.domain !== state.domain) throw new ProviderError('wrong_recipient', `${clientName(client)} is not a client of ${state.domain}`);
        if (!state.directory.hasClient(client)) throw new ProviderError('unknown_client', `no client ${clientName(client)}`);
      }
      if (path === 'connection_request' && fanout.mls_message.value.wireformat !== 'mls_welcome') throw new ProviderError('invalid_message', `a connection request carries a Welcome, not a ${fanout.mls_message.value.wireformat} (profile §5)`);
      for (const client of fanout.recipient_ids) state.queues.deliver(client, { sender: fanout.sender, messageId: fanout.message_id, kind: path, message: fanout.mls_message.bytes });
      return encode(queueingServiceResponse, { protocol_version: 1, response_body: { response_type: 'ok' } });
    });
}

/** `POST /deliver_message`. @example const response = await deliverMessageEndpoint(state, request, context); */
export const deliverMessageEndpoint = queueingService('deliver_message');

/** `POST /connection_request`. @example const response = await connectionRequestEndpoint(state, request, context); */
export const connectionRequestEndpoint = queueingService('connection_request');
