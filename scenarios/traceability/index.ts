/**
 * The traceability matrix (issue 10 §4): every normative statement of both
 * drafts and every PROFILE rule, mapped to the checks that test it.
 *
 * @example
 * renderTraceability(STATEMENTS, CATALOG)
 */
import { DS_DRAFT } from './ds-draft.js';
import { PROFILE_RULES } from './profile.js';
import type { NormativeStatement } from './statement.js';
import { TRANSPORT_DRAFT } from './transport-draft.js';

export { renderTraceability, traceabilityProblems } from './render.js';
export type { NormativeStatement, StatementSource } from './statement.js';

/** Every statement, transport draft first. */
export const STATEMENTS: readonly NormativeStatement[] = [...TRANSPORT_DRAFT, ...DS_DRAFT, ...PROFILE_RULES];
