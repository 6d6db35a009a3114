import type { PlantedBug } from './planted-bug.js';

/** Planted bugs for the DS gap checks, set b. */
export const DS_GAP_B_PLANTED: readonly PlantedBug[] = [];
