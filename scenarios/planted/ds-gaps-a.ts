import type { PlantedBug } from './planted-bug.js';

/** Planted bugs for the DS gap checks, set a. */
export const DS_GAP_A_PLANTED: readonly PlantedBug[] = [];
