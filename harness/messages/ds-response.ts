import { struct, type ValueOf } from '../codec/index.js';
import { dsResponseBody } from './ds-response-body.js';
import { dsProtocolVersion } from './protocol-version.js';

/**
 * `struct { DSProtocolVersion protocol_version; DSResponseBody response_body; } DSResponse;`
 * (DS draft, "Client to server requests").
 *
 * @example
 * encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'ok' } })
 */
export const dsResponse = struct('DSResponse', { protocol_version: dsProtocolVersion, response_body: dsResponseBody });
export type DSResponse = ValueOf<typeof dsResponse>;
