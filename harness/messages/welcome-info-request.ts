import { opaqueV, struct, uint64, type ValueOf } from '../codec/index.js';

/**
 * Profile addition (§4): `struct { opaque group_id<V>; uint64 epoch; } WelcomeInfoRequest;`
 * for `GET /welcome_information`. `epoch` is the epoch the Welcome starts
 * (the epoch after the commit that added the client); the request is signed
 * by the joiner as the member at `sender_index` in that epoch.
 *
 * @example
 * encode(welcomeInfoRequest, { group_id: gid, epoch: 4n })
 */
export const welcomeInfoRequest = struct('WelcomeInfoRequest', { group_id: opaqueV, epoch: uint64 });
export type WelcomeInfoRequest = ValueOf<typeof welcomeInfoRequest>;
