/**
 * Verdicts (issue 12 §2): a target's outcome on one input against the
 * profile's strict decoder.
 */
import { bytesOfHex, sameBytes } from './hex.js';
import type { ProfileVerdict } from './profile-verdict.js';
import type { TargetOutcome } from './target.js';

/** How a target disagrees with the profile on one input. */
export type FindingKind =
  /** The target accepts what the profile refuses. */
  | 'accepts-refused'
  /** The target refuses what the profile accepts. */
  | 'refuses-accepted'
  /** Both accept, but the target's re-encoding differs from the input (the profile's encoding is canonical). */
  | 're-encoding-differs'
  /** The target died, or printed something that is not an answer. */
  | 'crash'
  /** No answer within the per-input timeout. */
  | 'hang'
  /** Its memory grew past the bound while it decoded the input. */
  | 'memory'
  /** Both refuse, but the target's code, mapped through the `--strict-codes` table, is not the profile's. */
  | 'code-mismatch';

/** Every finding kind, for documentation and summaries. */
export const FINDING_KINDS: readonly FindingKind[] = ['accepts-refused', 'refuses-accepted', 're-encoding-differs', 'crash', 'hang', 'memory', 'code-mismatch'];

/**
 * The disagreement between the profile and the target on one input, or
 * undefined when they agree. Error codes count only when `codeTable` is
 * given (`--strict-codes`): it maps the target's codes to the profile's.
 *
 * @example
 * judge(Uint8Array.of(0), { ok: false, code: 'truncated', offset: 0, path: '' }, { kind: 'answer', answer: { ok: true, hex: '00' } })
 * // 'accepts-refused'
 */
export function judge(input: Uint8Array, profile: ProfileVerdict, outcome: TargetOutcome, codeTable?: ReadonlyMap<string, string>): FindingKind | undefined {
  switch (outcome.kind) {
    case 'skipped':
      return undefined;
    case 'crash':
    case 'hang':
    case 'memory':
      return outcome.kind;
    case 'answer':
      break;
  }
  const { answer } = outcome;
  if (answer.ok !== profile.ok) return answer.ok ? 'accepts-refused' : 'refuses-accepted';
  if (answer.ok) return sameBytes('bytes' in answer ? answer.bytes : (bytesOfHex(answer.hex) ?? new Uint8Array(0)), input) ? undefined : 're-encoding-differs';
  if (codeTable === undefined || profile.ok) return undefined;
  const mapped = answer.code === undefined ? undefined : codeTable.get(answer.code);
  return mapped === profile.code ? undefined : 'code-mismatch';
}
