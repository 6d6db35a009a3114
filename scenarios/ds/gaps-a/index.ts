import type { Check } from '../../../harness/conformance/index.js';
import { addUsersNoConnectionKeyPackages } from './add-users-no-connection-key-packages.js';
import { addUsersNoExistingMembers } from './add-users-no-existing-members.js';
import { removeClientsSameUser } from './remove-clients-same-user.js';
import { removeUsersWholeUsers } from './remove-users-whole-users.js';
import { updatePathOnly } from './update-path-only.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set a. */
export const DS_GAP_A_CHECKS: readonly Check[] = [addUsersNoExistingMembers, removeClientsSameUser, removeUsersWholeUsers, updatePathOnly, addUsersNoConnectionKeyPackages];
