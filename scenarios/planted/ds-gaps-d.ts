import type { PlantedBug } from './planted-bug.js';

/** Planted bugs caught by the DS checks of gaps set d (scenarios/ds/gaps-d). */
export const DS_GAP_D_PLANTED: readonly PlantedBug[] = [];
