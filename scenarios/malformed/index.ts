import type { Check } from '../../harness/conformance/index.js';
import { getWithBodyOwnClient } from './get-with-body.js';
import { identifierFqdn } from './identifier-fqdn.js';
import { SPOILED_BODY_CHECKS, spoiledBodyCheck } from './spoiled-body.js';

/** Malformed-input checks (issue 10 §3): spoiled bodies on every endpoint get a 4xx with a decodable error of the endpoint's carrier, never a 5xx, and the target is healthy afterwards; a malformed FQDN in a well-formed body is a decode error (profile §2); and the draft's GETs with a body as the target's own HTTP client sends them. @example await runCatalog({ target, checks: MALFORMED_CHECKS, seed: 1 }); */
export const MALFORMED_CHECKS: readonly Check[] = [...SPOILED_BODY_CHECKS, identifierFqdn, getWithBodyOwnClient];

export { getWithBodyOwnClient, identifierFqdn, SPOILED_BODY_CHECKS, spoiledBodyCheck };
