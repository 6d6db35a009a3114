/**
 * The planted-bug matrix (issue 10 §4): variants of the reference provider,
 * each with one deliberate defect and the checks that must catch it.
 *
 * @example
 * for (const bug of PLANTED) await runCatalog({ target: bug.target('target.test'), checks: CATALOG, seed: 1 });
 */
import { ADVERSARIAL_PLANTED } from './adversarial.js';
import { DS_PLANTED } from './ds.js';
import { FORWARDING_PLANTED } from './forwarding.js';
import { MALFORMED_PLANTED } from './malformed.js';
import type { PlantedBug } from './planted-bug.js';
import { PROFILE_GAP_PLANTED } from './profile-gaps.js';
import { PROPERTY_PLANTED } from './properties.js';
import { RATE_LIMIT_PLANTED } from './rate-limit.js';
import { SCRIPTED_PLANTED } from './scripted.js';
import { TRANSPORT_PLANTED } from './transport.js';

export type { PlantedBug } from './planted-bug.js';
export { ADVERSARIAL_PLANTED, DS_PLANTED, FORWARDING_PLANTED, MALFORMED_PLANTED, PROFILE_GAP_PLANTED, PROPERTY_PLANTED, RATE_LIMIT_PLANTED, SCRIPTED_PLANTED, TRANSPORT_PLANTED };

/** Every planted bug, by category. */
export const PLANTED: readonly PlantedBug[] = [...TRANSPORT_PLANTED, ...FORWARDING_PLANTED, ...DS_PLANTED, ...ADVERSARIAL_PLANTED, ...MALFORMED_PLANTED, ...RATE_LIMIT_PLANTED, ...SCRIPTED_PLANTED, ...PROPERTY_PLANTED, ...PROFILE_GAP_PLANTED];
