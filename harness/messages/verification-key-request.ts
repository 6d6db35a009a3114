import { struct, type ValueOf } from '../codec/index.js';
import { fqdn } from './fqdn.js';
import { dsProtocolVersion } from './protocol-version.js';

/**
 * Profile §5: `struct { DSProtocolVersion protocol_version; FQDN sender; FQDN recipient; } VerificationKeyRequest;`,
 * the body of `GET /verification_key`. Unsigned (the key is what is asked
 * for); the recipient still checks `recipient` (transport draft §1.1).
 *
 * @example
 * encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.alpha.test', recipient: 'ds.beta.test' })
 */
export const verificationKeyRequest = struct('VerificationKeyRequest', { protocol_version: dsProtocolVersion, sender: fqdn, recipient: fqdn });
export type VerificationKeyRequest = ValueOf<typeof verificationKeyRequest>;
