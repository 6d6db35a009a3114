import type { Check } from '../../harness/conformance/index.js';
import { sendMessageFanOut } from './send-message-fan-out.js';

/** DS operation checks: the target as the owning DS of groups whose members are the harness's clients. */
export const DS_CHECKS: readonly Check[] = [sendMessageFanOut];
