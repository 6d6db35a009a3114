import type { CertificateVariant } from '../../harness/pki/index.js';

/** Each negative certificate variant and the error code a real Node TLS client gives for it. */
export const VARIANT_ERRORS: readonly (readonly [CertificateVariant, string])[] = [
  ['expired', 'CERT_HAS_EXPIRED'],
  ['not-yet-valid', 'CERT_NOT_YET_VALID'],
  ['wrong-host', 'ERR_TLS_CERT_ALTNAME_INVALID'],
  ['untrusted-ca', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE'],
  ['self-signed', 'DEPTH_ZERO_SELF_SIGNED_CERT'],
];
