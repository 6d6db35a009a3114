import type { Check } from '../../harness/conformance/index.js';
import { fanOutUnderFaults } from './fan-out-under-faults.js';

export { fanOutUnderFaults };

/** Property checks (issue 10 §3): fc.commands model runs across 2 to 6 providers, one of them the target, with faults and clock advances. */
export const PROPERTY_CHECKS: readonly Check[] = [fanOutUnderFaults];
