import type { Check } from '../../harness/conformance/index.js';

/** Adversarial checks (issue 10 §3): attacks by a malicious peer persona, each refused with the profile's code and leaving nothing behind. */
export const ADVERSARIAL_CHECKS: readonly Check[] = [];
