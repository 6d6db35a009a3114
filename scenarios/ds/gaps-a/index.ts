import type { Check } from '../../../harness/conformance/index.js';
import { addUsersNoExistingMembers } from './add-users-no-existing-members.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set a. */
export const DS_GAP_A_CHECKS: readonly Check[] = [addUsersNoExistingMembers];
