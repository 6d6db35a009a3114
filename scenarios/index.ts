/**
 * The check catalog (issue 10 §3): black-box checks that judge any target
 * on the wire, in catalog order.
 *
 * @example
 * const results = await runChecks({ target: referenceTarget({ domain: 'target.test' }), checks: CATALOG, seed: 1 });
 */
import type { Check } from '../harness/conformance/index.js';
import { verificationKeyRecipientMismatch } from './forwarding/verification-key-recipient-mismatch.js';
import { methodNotAllowed } from './transport/method-not-allowed.js';
import { unsupportedMediaType } from './transport/unsupported-media-type.js';

export { methodNotAllowed, unsupportedMediaType, verificationKeyRecipientMismatch };

/** Every check, in catalog order. */
export const CATALOG: readonly Check[] = [methodNotAllowed, unsupportedMediaType, verificationKeyRecipientMismatch];
