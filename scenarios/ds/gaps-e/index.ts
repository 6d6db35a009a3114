import type { Check } from '../../../harness/conformance/index.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set e. */
export const DS_GAP_E_CHECKS: readonly Check[] = [];
