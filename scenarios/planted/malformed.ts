import type { PlantedBug } from './planted-bug.js';

/** Planted bugs the malformed-input checks catch. */
export const MALFORMED_PLANTED: readonly PlantedBug[] = [];
