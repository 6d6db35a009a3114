import type { Check } from '../../../harness/conformance/index.js';
import { joiningInfoWrongEndpoint } from './joining-info-wrong-endpoint.js';
import { selfRemoveSingleRemove } from './self-remove-single-remove.js';
import { connectionKeyPackagesNative } from './connection-key-packages-native.js';
import { createGroupGroupInfo } from './create-group-group-info.js';
import { createGroupGroupContext } from './create-group-group-context.js';

/** DS checks that close traceability gaps (docs/TRACEABILITY.md), set b. */
export const DS_GAP_B_CHECKS: readonly Check[] = [joiningInfoWrongEndpoint, selfRemoveSingleRemove, connectionKeyPackagesNative, createGroupGroupInfo, createGroupGroupContext];
