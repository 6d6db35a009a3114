import type { Check } from '../../harness/conformance/index.js';
import { joinsFlow } from './joins.js';
import { multiDeviceFlow } from './multi-device.js';
import { deleteFlow, reinitFlow } from './reinit-delete.js';
import { threeProviderFlow } from './three-provider-flow.js';

/** Scripted flows (issue 10 §3): every endpoint and every DS operation in at least one fixed command list. */
export const SCRIPTED_CHECKS: readonly Check[] = [threeProviderFlow, joinsFlow, multiDeviceFlow, reinitFlow, deleteFlow];
