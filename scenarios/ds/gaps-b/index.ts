import type { Check } from '../../../harness/conformance/index.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set b. */
export const DS_GAP_B_CHECKS: readonly Check[] = [];
