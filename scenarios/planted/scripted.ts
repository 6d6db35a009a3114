import type { PlantedBug } from './planted-bug.js';

/** Planted bugs the scripted flows catch. */
export const SCRIPTED_PLANTED: readonly PlantedBug[] = [];
