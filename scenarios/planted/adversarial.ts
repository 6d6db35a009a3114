import type { PlantedBug } from './planted-bug.js';

/** Planted bugs the adversarial checks catch. */
export const ADVERSARIAL_PLANTED: readonly PlantedBug[] = [];
