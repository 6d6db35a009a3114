import type { Check } from '../../../harness/conformance/index.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set d. */
export const DS_GAP_D_CHECKS: readonly Check[] = [];
