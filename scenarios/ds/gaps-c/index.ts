import type { Check } from '../../../harness/conformance/index.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set c. */
export const DS_GAP_C_CHECKS: readonly Check[] = [];
