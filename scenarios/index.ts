/**
 * The check catalog (issue 10 §3): black-box checks that judge any target
 * on the wire, in catalog order, one folder per category.
 *
 * @example
 * const results = await runCatalog({ target: referenceTarget({ domain: 'target.test' }), checks: CATALOG, seed: 1 });
 */
import type { Check } from '../harness/conformance/index.js';
import { ADVERSARIAL_CHECKS } from './adversarial/index.js';
import { DS_CHECKS } from './ds/index.js';
import { FORWARDING_CHECKS } from './forwarding/index.js';
import { MALFORMED_CHECKS } from './malformed/index.js';
import { PROPERTY_CHECKS } from './properties/index.js';
import { RATE_LIMIT_CHECKS } from './rate-limit/index.js';
import { SCRIPTED_CHECKS } from './scripted/index.js';
import { TRANSPORT_CHECKS } from './transport/index.js';

export * from './planted/index.js';
export { ADVERSARIAL_CHECKS, DS_CHECKS, FORWARDING_CHECKS, MALFORMED_CHECKS, PROPERTY_CHECKS, RATE_LIMIT_CHECKS, SCRIPTED_CHECKS, TRANSPORT_CHECKS };

/** The catalog's categories, in order: the first segment of every check id. */
export const CATEGORIES = { transport: TRANSPORT_CHECKS, forwarding: FORWARDING_CHECKS, ds: DS_CHECKS, adversarial: ADVERSARIAL_CHECKS, malformed: MALFORMED_CHECKS, 'rate-limit': RATE_LIMIT_CHECKS, scripted: SCRIPTED_CHECKS, properties: PROPERTY_CHECKS } as const;

/** Every check, in catalog order. */
export const CATALOG: readonly Check[] = Object.values(CATEGORIES).flat();
