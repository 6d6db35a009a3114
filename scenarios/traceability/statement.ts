/** Where a normative statement comes from. */
export type StatementSource = 'transport draft' | 'DS draft' | 'PROFILE';

/**
 * One normative statement of the drafts or one rule of docs/PROFILE.md
 * (issue 10 §4 "TRACEABILITY.md"), with the checks that test it or why none
 * can. `section` is the draft section title or the PROFILE section.
 *
 * @example
 * const tls: NormativeStatement = { id: 'transport.tls-1.3', source: 'transport draft', section: 'Transport Security and Authentication', level: 'MUST', text: 'All HTTP queries … MUST use TLS with version 1.3 or higher', checks: ['transport.tls.min-version'] };
 */
export interface NormativeStatement {
  readonly id: string;
  readonly source: StatementSource;
  readonly section: string;
  readonly level: 'MUST' | 'SHOULD' | 'MAY' | 'PROFILE';
  readonly text: string;
  /** Catalog check ids that test it. */
  readonly checks: readonly string[];
  /** Why no black-box check can test it (internal-only, a client-side rule, …). */
  readonly untestable?: string;
  /** A rule a black-box check could test but none does yet: an open gap of the catalog, listed as such. */
  readonly gap?: string;
}

/** Why a statement has no check: it cannot have one, or it could and the catalog has a gap there. */
export type NoCheck = { readonly untestable: string } | { readonly gap: string };

/** Builds statements of one source. @example const d = statementOf('DS draft'); d('ds.x', 'Create group', 'MUST', 'text', ['ds.create-group.group-id']) */
export function statementOf(source: StatementSource) {
  return (id: string, section: string, level: NormativeStatement['level'], text: string, checks: readonly string[], why?: NoCheck): NormativeStatement => ({ id, source, section, level, text, checks, ...why });
}
