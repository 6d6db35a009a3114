import { struct, type ValueOf } from '../codec/index.js';
import { localName, userId, userIdText } from './user-id.js';

/**
 * `struct { UserID user; opaque client_name<V>; } ClientID;` (profile §2):
 * a client names its user, so the user can be derived from the client (DS
 * draft, "Clients and users"). Text form: `client_name/user_name@domain`.
 * The MLS credential of a client is a BasicCredential whose identity is this
 * struct, serialized.
 *
 * @example
 * encode(clientId, { user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' })
 */
export const clientId = struct('ClientID', { user: userId, client_name: localName });
export type ClientId = ValueOf<typeof clientId>;

/** A ClientID's text form, `client_name/user_name@domain` (profile §2). @example clientIdText(alicePhone) // 'phone/alice@a.test' */
export function clientIdText(client: ClientId): string {
  return `${client.client_name}/${userIdText(client.user)}`;
}
