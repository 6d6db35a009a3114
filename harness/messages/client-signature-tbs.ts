import { struct, uint32, type ValueOf } from '../codec/index.js';
import { dsRequestBody } from './ds-request-body.js';
import { dsProtocolVersion } from './protocol-version.js';

/** Label for `SignWithLabel` over ClientSignatureTBS (profile §7). */
export const CLIENT_SIGNATURE_LABEL = 'MIMI ClientSignatureTBS';

/**
 * `struct { DSProtocolVersion protocol_version; DSRequestBody request_body; uint32 sender_index; } ClientSignatureTBS;`
 * (DS draft, "Client to server requests"), signed with
 * `SignWithLabel(key, "MIMI ClientSignatureTBS", tbs)` (RFC 9420 §5.1.2).
 *
 * @example
 * encode(clientSignatureTbs, { protocol_version: 1, request_body: body, sender_index: 3 })
 */
export const clientSignatureTbs = struct('ClientSignatureTBS', { protocol_version: dsProtocolVersion, request_body: dsRequestBody, sender_index: uint32 });
export type ClientSignatureTbs = ValueOf<typeof clientSignatureTbs>;
