import type { PlantedBug } from './planted-bug.js';

/** Planted bugs caught by the DS checks of gaps set e (scenarios/ds/gaps-e). */
export const DS_GAP_E_PLANTED: readonly PlantedBug[] = [];
