import { mlsMessage, struct, type ValueOf } from '../codec/index.js';

/**
 * `struct { MLSMessage proposal; } SelfRemoveClientRequest;` (DS draft, "Self
 * remove a client from a group"; request type `ds_self_remove_client`, the
 * draft's `ds_self_remove_clients` case label is a typo, profile §9).
 *
 * @example
 * decode(selfRemoveClientRequest, bytes).proposal.value.wireformat
 */
export const selfRemoveClientRequest = struct('SelfRemoveClientRequest', { proposal: mlsMessage });
export type SelfRemoveClientRequest = ValueOf<typeof selfRemoveClientRequest>;
