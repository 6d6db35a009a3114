import { enumeration, uint16 } from '../codec/index.js';

/**
 * The profile's error codes (profile §3), each with the HTTP status an
 * endpoint answers it with (profile §10). The draft leaves DSError as a TODO;
 * CreateGroupResponse's three values become invalid_group_id,
 * invalid_leaf_node and invalid_group_info.
 */
export const DS_ERRORS = {
  decode_error: { code: 0, status: 400 },
  unsupported_version: { code: 1, status: 400 },
  invalid_request: { code: 2, status: 400 },
  wrong_endpoint: { code: 3, status: 400 },
  unknown_group: { code: 4, status: 404 },
  not_owner: { code: 5, status: 421 },
  wrong_recipient: { code: 6, status: 421 },
  invalid_signature: { code: 7, status: 403 },
  unauthorized: { code: 8, status: 403 },
  not_a_member: { code: 9, status: 403 },
  wrong_epoch: { code: 10, status: 409 },
  group_id_in_use: { code: 11, status: 409 },
  invalid_commit: { code: 12, status: 422 },
  invalid_proposal: { code: 13, status: 422 },
  missing_proposal: { code: 14, status: 422 },
  invalid_message: { code: 15, status: 422 },
  invalid_group_id: { code: 16, status: 422 },
  invalid_leaf_node: { code: 17, status: 422 },
  invalid_group_info: { code: 18, status: 422 },
  unknown_client: { code: 19, status: 404 },
  unknown_user: { code: 20, status: 404 },
  no_key_packages: { code: 21, status: 404 },
  rate_limited: { code: 22, status: 429 },
  method_not_allowed: { code: 23, status: 405 },
  length_required: { code: 24, status: 411 },
  payload_too_large: { code: 25, status: 413 },
  unsupported_media_type: { code: 26, status: 415 },
  not_found: { code: 27, status: 404 },
  unavailable: { code: 28, status: 503 },
  internal_error: { code: 29, status: 500 },
  duplicate_message_id: { code: 30, status: 409 },
} as const;
export type DSErrorCode = keyof typeof DS_ERRORS;

/** Code numbers by name. */
export const DSErrorCode = Object.fromEntries(Object.entries(DS_ERRORS).map(([name, { code }]) => [name, code])) as {
  readonly [K in DSErrorCode]: (typeof DS_ERRORS)[K]['code'];
};

/**
 * `enum { ... } DSErrorCode;` as uint16; unknown codes are refused.
 *
 * @example
 * encode(dsErrorCode, 'rate_limited') // [0x00, 0x16]
 */
export const dsErrorCode = enumeration('DSErrorCode', uint16, DSErrorCode);

/**
 * The HTTP status for an error code.
 *
 * @example
 * httpStatusOf('rate_limited') // 429
 */
export function httpStatusOf(code: DSErrorCode): number {
  return DS_ERRORS[code].status;
}
