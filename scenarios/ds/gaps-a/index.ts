import type { Check } from '../../../harness/conformance/index.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set a. */
export const DS_GAP_A_CHECKS: readonly Check[] = [];
