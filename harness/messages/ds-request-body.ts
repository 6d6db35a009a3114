import { enumeration, select, uint8, type ValueOf } from '../codec/index.js';
import { addClientsRequest } from './add-clients-request.js';
import { addUsersRequest } from './add-users-request.js';
import { connectionKeyPackagesRequest } from './connection-key-packages-request.js';
import { createGroupRequest } from './create-group-request.js';
import { deleteGroupRequest } from './delete-group-request.js';
import { externalCommitInfoRequest } from './external-commit-info-request.js';
import { externalJoinRequest } from './external-join-request.js';
import { keyPackagesRequest } from './key-packages-request.js';
import { reInitializeGroupRequest } from './re-initialize-group-request.js';
import { removeClientsRequest } from './remove-clients-request.js';
import { removeUsersRequest } from './remove-users-request.js';
import { selfRemoveClientRequest } from './self-remove-client-request.js';
import { sendMessageRequest } from './send-message-request.js';
import { updateClientRequest } from './update-client-request.js';
import { welcomeInfoRequest } from './welcome-info-request.js';

/**
 * `enum { ... } DSRequestType;` as uint8 (DS draft, "Client-initiated
 * operations", values 0..14), plus the profile's two requests for joining
 * information (profile §4, values 15 and 16).
 */
export const DSRequestType = {
  ds_request_group_id: 0,
  ds_create_group: 1,
  ds_delete_group: 2,
  ds_add_users: 3,
  ds_remove_users: 4,
  ds_add_clients: 5,
  ds_remove_clients: 6,
  ds_self_remove_client: 7,
  ds_update_client: 8,
  ds_external_join: 9,
  ds_send_message: 10,
  ds_signature_public_key: 11,
  ds_key_packages: 12,
  ds_connection_key_packages: 13,
  ds_re_initialize_group: 14,
  ds_welcome_info: 15,
  ds_external_commit_info: 16,
} as const;
export type DSRequestType = keyof typeof DSRequestType;

/** The DSRequestType codec. @example encode(dsRequestType, 'ds_add_users') // [3] */
export const dsRequestType = enumeration('DSRequestType', uint8, DSRequestType);

/**
 * `struct { DSRequestType request_type; select (request_type) { ... } } DSRequestBody;`
 * (DS draft, "Client-initiated operations"); field names as in the draft.
 *
 * @example
 * encode(dsRequestBody, { request_type: 'ds_request_group_id' }) // [0]
 */
export const dsRequestBody = select('DSRequestBody', 'request_type', dsRequestType, {
  ds_request_group_id: {},
  ds_create_group: { create_group_request: createGroupRequest },
  ds_delete_group: { delete_group_request: deleteGroupRequest },
  ds_add_users: { add_users_request: addUsersRequest },
  ds_remove_users: { remove_users_request: removeUsersRequest },
  ds_add_clients: { add_clients_request: addClientsRequest },
  ds_remove_clients: { remove_clients_request: removeClientsRequest },
  ds_self_remove_client: { self_remove_client_request: selfRemoveClientRequest },
  ds_update_client: { update_client_request: updateClientRequest },
  ds_external_join: { external_join_request: externalJoinRequest },
  ds_send_message: { send_message_request: sendMessageRequest },
  ds_signature_public_key: {},
  ds_key_packages: { key_packages_request: keyPackagesRequest },
  ds_connection_key_packages: { connection_key_packages_request: connectionKeyPackagesRequest },
  ds_re_initialize_group: { re_initialize_group_request: reInitializeGroupRequest },
  ds_welcome_info: { welcome_info_request: welcomeInfoRequest },
  ds_external_commit_info: { external_commit_info_request: externalCommitInfoRequest },
});
export type DSRequestBody = ValueOf<typeof dsRequestBody>;
