import type { PlantedBug } from './planted-bug.js';

/** Planted bugs the property checks catch. */
export const PROPERTY_PLANTED: readonly PlantedBug[] = [];
