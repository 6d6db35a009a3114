import type { Check } from '../../harness/conformance/index.js';
import { methodNotAllowed } from './method-not-allowed.js';
import { unsupportedMediaType } from './unsupported-media-type.js';

/** Transport checks: TLS and HTTP semantics (transport draft, profile §10). */
export const TRANSPORT_CHECKS: readonly Check[] = [methodNotAllowed, unsupportedMediaType];

export { methodNotAllowed, unsupportedMediaType };
