import type { PlantedBug } from './planted-bug.js';

/** Planted bugs the rate-limit checks catch. */
export const RATE_LIMIT_PLANTED: readonly PlantedBug[] = [];
