import type { Credential } from 'ts-mls';
import { encode } from '../codec/index.js';
import { clientId as clientIdCodec, type ClientId } from '../messages/index.js';
import { mlsSuite } from './suite.js';

/** A signature key pair as ts-mls uses it. */
export interface SignatureKeyPair {
  readonly signKey: Uint8Array;
  readonly publicKey: Uint8Array;
}

/** A virtual client's identity: its ClientID, MLS credential and signature key. */
export interface ClientIdentity {
  readonly clientId: ClientId;
  readonly credential: Credential;
  readonly signatureKeyPair: SignatureKeyPair;
}

/**
 * The profile's client credential: a BasicCredential whose identity is the
 * TLS-serialized ClientID (profile §2, §12).
 *
 * @example
 * clientCredential({ user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' })
 */
export function clientCredential(clientId: ClientId): Credential {
  return { credentialType: 'basic', identity: encode(clientIdCodec, clientId) };
}

/**
 * A new identity with a fresh Ed25519 signature key.
 *
 * @example
 * const alice = await createIdentity({ user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' });
 */
export async function createIdentity(clientId: ClientId): Promise<ClientIdentity> {
  const cs = await mlsSuite();
  const signatureKeyPair = await cs.signature.keygen();
  return { clientId, credential: clientCredential(clientId), signatureKeyPair };
}
