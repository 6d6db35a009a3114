import type { Check } from '../../harness/conformance/index.js';
import { connectionFlow } from './connection.js';
import { discoveryFlow } from './discovery.js';
import { fiveProviderFanOut } from './five-provider-fan-out.js';
import { joinsFlow } from './joins.js';
import { lastResortFlow } from './last-resort.js';
import { multiDeviceFlow } from './multi-device.js';
import { deleteFlow, reinitFlow } from './reinit-delete.js';
import { threeProviderFlow } from './three-provider-flow.js';
import { verificationKeyRotationFlow } from './verification-key-rotation.js';

/** Scripted flows (issue 10 §3): every endpoint and every DS operation in at least one fixed command list. */
export const SCRIPTED_CHECKS: readonly Check[] = [connectionFlow, threeProviderFlow, joinsFlow, multiDeviceFlow, reinitFlow, deleteFlow, lastResortFlow, verificationKeyRotationFlow, discoveryFlow, fiveProviderFanOut];
