import { decode, DecodeError, encode } from 'mimi-transport-harness/codec';
import { clientIdText, dsFanoutRequestTbs, FANOUT_SIGNATURE_LABELS, mimiGroupId, queueingServiceRequest, queueingServiceResponse, type QSRequestType } from 'mimi-transport-harness/messages';
import type { ProviderContext } from './context.js';
import { ProtocolError, type Answer } from './protocol-error.js';
import { decodeRequest } from './read-body.js';
import { signedRequest } from './signed-request.js';

/** The DS domain a group id names, or undefined when it is not a MimiGroupId (profile §2). */
function ownerOf(groupId: Uint8Array): string | undefined {
  try {
    return decode(mimiGroupId, groupId).ds_domain;
  } catch (error) {
    if (error instanceof DecodeError) return undefined;
    throw error;
  }
}

/**
 * `POST /deliver_message` and `POST /connection_request` (transport draft "Deliver Message", "Deliver Connection
 * Request"; profile §5, §6, §13, §14): a QueueingServiceRequest of the path's type (`wrong_endpoint`), for this DS
 * (`wrong_recipient`), signed by the sender DS with the label of its type (`invalid_signature`), processed once per
 * `(sender, message_id)`; recipients must be our clients; only PublicMessage, PrivateMessage and Welcome are taken
 * (`invalid_message`), a connection request only a Welcome, and a group message only from the DS its group id names
 * (`unauthorized`). Each recipient's queue gets the message once.
 *
 * @example
 * const answer = await queueingService(ctx, 'deliver_message', bytes);
 */
export async function queueingService(ctx: ProviderContext, path: QSRequestType, bytes: Uint8Array): Promise<Answer> {
  const body = decodeRequest(queueingServiceRequest, 'QueueingServiceRequest', bytes);
  const fanout = body.fanout_request;
  const label = () => {
    if (body.request_type !== path) throw new ProtocolError('wrong_endpoint', `a ${body.request_type} does not go to /${path} (profile §5)`);
    return FANOUT_SIGNATURE_LABELS[path];
  };
  return signedRequest(ctx, queueingServiceRequest, body, fanout, dsFanoutRequestTbs, label, async () => {
    if (fanout.recipient_ids.length === 0) throw new ProtocolError('invalid_request', 'no recipient_ids');
    for (const client of fanout.recipient_ids) ctx.directory.require(client);
    const message = fanout.mls_message.value;
    const format = message.wireformat;
    if (format !== 'mls_public_message' && format !== 'mls_private_message' && format !== 'mls_welcome') throw new ProtocolError('invalid_message', `a DS does not deliver a ${format}`);
    if (path === 'connection_request' && format !== 'mls_welcome') throw new ProtocolError('invalid_message', `a connection request carries a Welcome, not a ${format} (profile §5)`);
    const groupId = format === 'mls_public_message' ? message.publicMessage.content.groupId : format === 'mls_private_message' ? message.privateMessage.groupId : undefined;
    if (groupId !== undefined && ownerOf(groupId) !== fanout.sender) throw new ProtocolError('unauthorized', `${fanout.sender} delivers a message of a group it does not own (${ownerOf(groupId) ?? 'not a MimiGroupId'})`);
    for (const client of fanout.recipient_ids) {
      ctx.directory.deliver(client, { sender: fanout.sender, messageId: fanout.message_id, kind: path, message: fanout.mls_message.bytes });
    }
    ctx.log(`queued a ${format} from ${fanout.sender} for ${fanout.recipient_ids.map(clientIdText).join(', ')}`);
    return encode(queueingServiceResponse, { protocol_version: 1, response_body: { response_type: 'ok' } });
  });
}
