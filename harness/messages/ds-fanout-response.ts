import { enumeration, select, struct, uint8, type ValueOf } from '../codec/index.js';
import { dsError } from './ds-error.js';
import { dsProtocolVersion } from './protocol-version.js';

/** `enum { ok(0), error(1) } DSFanoutResponseType;` as uint8. */
export const DSFanoutResponseType = { ok: 0, error: 1 } as const;

/**
 * `struct { DSFanoutResponseType response_type; select { case ok: struct {}; case error: DSFanoutError error; } } DSFanoutResponseBody;`
 * with DSFanoutError = DSError (profile §3).
 *
 * @example
 * encode(dsFanoutResponseBody, { response_type: 'ok' }) // [0]
 */
export const dsFanoutResponseBody = select('DSFanoutResponseBody', 'response_type', enumeration('DSFanoutResponseType', uint8, DSFanoutResponseType), {
  ok: {},
  error: { error: dsError },
});

/**
 * `struct { DSProtocolVersion protocol_version; DSFanoutResponseBody response_body; } DSFanoutResponse;`
 * (the draft writes `DSResponseBody` here, a typo: profile §9).
 *
 * @example
 * encode(dsFanoutResponse, { protocol_version: 1, response_body: { response_type: 'ok' } })
 */
export const dsFanoutResponse = struct('DSFanoutResponse', { protocol_version: dsProtocolVersion, response_body: dsFanoutResponseBody });
export type DSFanoutResponse = ValueOf<typeof dsFanoutResponse>;
