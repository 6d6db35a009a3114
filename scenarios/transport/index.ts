import type { Check } from '../../harness/conformance/index.js';
import { discoveryDsDomain } from './discovery-ds-domain.js';
import { errorCarrier } from './error-carrier.js';
import { getWithBody } from './get-with-body.js';
import { lengthRequired } from './length-required.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { payloadTooLarge } from './payload-too-large.js';
import { tlsBadPeer } from './tls-bad-peer.js';
import { tlsCertificateNames } from './tls-certificate-names.js';
import { tlsMinVersion } from './tls-min-version.js';
import { unknownPath } from './unknown-path.js';
import { unsupportedMediaType } from './unsupported-media-type.js';

/** Transport checks: TLS (transport draft "Transport Security and Authentication"), HTTP semantics (profile §10) and discovery (profile §11). */
export const TRANSPORT_CHECKS: readonly Check[] = [tlsMinVersion, tlsCertificateNames, tlsBadPeer, methodNotAllowed, unsupportedMediaType, lengthRequired, payloadTooLarge, getWithBody, errorCarrier, unknownPath, discoveryDsDomain];

export { discoveryDsDomain, errorCarrier, getWithBody, lengthRequired, methodNotAllowed, payloadTooLarge, tlsBadPeer, tlsCertificateNames, tlsMinVersion, unknownPath, unsupportedMediaType };
