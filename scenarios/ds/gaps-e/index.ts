import type { Check } from '../../../harness/conformance/index.js';
import { addUsersSupportedVersions } from './add-users-supported-versions.js';
import { createGroupSupportedVersions } from './create-group-supported-versions.js';
import { commitGroupContextUnchanged } from './group-context-unchanged.js';
import { commitUniqueClientIds } from './unique-client-ids.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set e. */
export const DS_GAP_E_CHECKS: readonly Check[] = [addUsersSupportedVersions, createGroupSupportedVersions, commitGroupContextUnchanged, commitUniqueClientIds];
