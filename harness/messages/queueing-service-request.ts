import { enumeration, struct, uint8, type ValueOf } from '../codec/index.js';
import { dsFanoutRequest } from './ds-fanout-request.js';

/** `enum { deliver_message(0), connection_request(1) } QSRequestType;` as uint8 (profile §5). */
export const QSRequestType = { deliver_message: 0, connection_request: 1 } as const;
export type QSRequestType = keyof typeof QSRequestType;

/**
 * Profile §5: `struct { QSRequestType request_type; DSFanoutRequest fanout_request; } QueueingServiceRequest;`,
 * the body of `POST /deliver_message` (type deliver_message) and
 * `POST /connection_request` (type connection_request; the MLSMessage is the
 * Welcome to the connection group). The type selects the signature label of
 * the fan-out request, so one can never be replayed as the other; an
 * endpoint refuses the other type with `wrong_endpoint`.
 *
 * @example
 * decode(queueingServiceRequest, bytes).request_type // 'deliver_message'
 */
export const queueingServiceRequest = struct('QueueingServiceRequest', {
  request_type: enumeration('QSRequestType', uint8, QSRequestType),
  fanout_request: dsFanoutRequest,
});
export type QueueingServiceRequest = ValueOf<typeof queueingServiceRequest>;
