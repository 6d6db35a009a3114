import { struct, type ValueOf } from '../codec/index.js';
import { dsAuthData } from './ds-auth-data.js';
import { dsRequestBody } from './ds-request-body.js';
import { dsProtocolVersion } from './protocol-version.js';

/**
 * `struct { DSProtocolVersion version; DSRequestBody request_body; DSAuthData authentication_data; } DSRequest;`
 * (DS draft, "Client to server requests"): the body of `POST /group_operation`,
 * `GET /welcome_information` and `GET /external_commit_information`.
 *
 * @example
 * encode(dsRequest, { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: { auth_type: 'anonymous' } })
 */
export const dsRequest = struct('DSRequest', { version: dsProtocolVersion, request_body: dsRequestBody, authentication_data: dsAuthData });
export type DSRequest = ValueOf<typeof dsRequest>;
