import type { ValueOf } from '../codec/index.js';
import { dsFanoutResponse } from './ds-fanout-response.js';

/**
 * Profile §5: QueueingServiceResponse has exactly the layout of
 * DSFanoutResponse, since a QS request carries a DSFanoutRequest.
 *
 * @example
 * encode(queueingServiceResponse, { protocol_version: 1, response_body: { response_type: 'ok' } })
 */
export const queueingServiceResponse = dsFanoutResponse;
export type QueueingServiceResponse = ValueOf<typeof queueingServiceResponse>;
