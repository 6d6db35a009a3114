import type { PlantedBug } from './planted-bug.js';

/** Planted bugs caught by the DS checks of gaps set f (scenarios/ds/gaps-f). */
export const DS_GAP_F_PLANTED: readonly PlantedBug[] = [];
