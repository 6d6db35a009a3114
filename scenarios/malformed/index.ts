import type { Check } from '../../harness/conformance/index.js';
import { getWithBodyOwnClient } from './get-with-body.js';
import { SPOILED_BODY_CHECKS, spoiledBodyCheck } from './spoiled-body.js';

/** Malformed-input checks (issue 10 §3): spoiled bodies on every endpoint get a 4xx with a decodable error of the endpoint's carrier, never a 5xx, and the target is healthy afterwards; and the draft's GETs with a body as the target's own HTTP client sends them. @example await runCatalog({ target, checks: MALFORMED_CHECKS, seed: 1 }); */
export const MALFORMED_CHECKS: readonly Check[] = [...SPOILED_BODY_CHECKS, getWithBodyOwnClient];

export { getWithBodyOwnClient, SPOILED_BODY_CHECKS, spoiledBodyCheck };
