import type { Check } from '../../harness/conformance/index.js';
import { KEY_PACKAGE_FORWARDING_CHECKS } from './key-package-requests.js';
import { QS_FORWARDING_CHECKS } from './queueing-service.js';
import { verificationKeyRecipientMismatch } from './verification-key-recipient-mismatch.js';
import { verificationKeyScheme } from './verification-key-scheme.js';

/**
 * Forwarding checks: recipient and sender checks on every provider-to-provider payload (transport draft §1.1, profile §6), and the scheme a sender's key is verified with (profile §5, §7).
 *
 * @example
 * await runCatalog({ target, checks: FORWARDING_CHECKS, seed: 1 });
 */
export const FORWARDING_CHECKS: readonly Check[] = [verificationKeyRecipientMismatch, verificationKeyScheme, ...QS_FORWARDING_CHECKS, ...KEY_PACKAGE_FORWARDING_CHECKS];

export { KEY_PACKAGE_FORWARDING_CHECKS, QS_FORWARDING_CHECKS, verificationKeyRecipientMismatch, verificationKeyScheme };
