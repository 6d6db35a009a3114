import { mlsMessage, struct, type ValueOf } from '../codec/index.js';

/**
 * `struct { MLSMessage application_message; } SendMessageRequest;` (DS draft,
 * "Send an application message to a group"): a PrivateMessage of content type
 * application, checked by the DS.
 *
 * @example
 * decode(sendMessageRequest, bytes).application_message.value.wireformat // 'mls_private_message'
 */
export const sendMessageRequest = struct('SendMessageRequest', { application_message: mlsMessage });
export type SendMessageRequest = ValueOf<typeof sendMessageRequest>;
