import type { PlantedBug } from './planted-bug.js';

/** Planted bugs caught by the DS checks of gaps set c (scenarios/ds/gaps-c). */
export const DS_GAP_C_PLANTED: readonly PlantedBug[] = [];
