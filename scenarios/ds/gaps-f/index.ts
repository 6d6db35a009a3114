import type { Check } from '../../../harness/conformance/index.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set f. */
export const DS_GAP_F_CHECKS: readonly Check[] = [];
