import { signaturePublicKey, struct, type ValueOf } from '../codec/index.js';
import { fqdn } from './fqdn.js';
import { dsProtocolVersion } from './protocol-version.js';
import { signatureScheme } from './signature-scheme.js';

/**
 * Profile §5:
 * `struct { DSProtocolVersion protocol_version; FQDN domain; SignatureScheme signature_scheme; SignaturePublicKey verification_key; } VerificationKeyResponse;`
 * `domain` is the DS domain the key belongs to; it must equal the host asked.
 *
 * @example
 * decode(verificationKeyResponse, bytes).signature_scheme // 'ed25519'
 */
export const verificationKeyResponse = struct('VerificationKeyResponse', {
  protocol_version: dsProtocolVersion,
  domain: fqdn,
  signature_scheme: signatureScheme,
  verification_key: signaturePublicKey,
});
export type VerificationKeyResponse = ValueOf<typeof verificationKeyResponse>;
