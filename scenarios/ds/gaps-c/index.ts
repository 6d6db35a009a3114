import type { Check } from '../../../harness/conformance/index.js';
import { removeClientsOnlyRemoves } from './remove-clients-only-removes.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set c. */
export const DS_GAP_C_CHECKS: readonly Check[] = [removeClientsOnlyRemoves];
