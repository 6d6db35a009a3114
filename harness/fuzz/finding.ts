/**
 * A finding: one disagreement between a target and the profile, minimized,
 * with both verdicts (issue 12 §2). Written by the command line to
 * `DIR/findings/<struct>-<hash>.json` (docs/schemas/fuzz/finding.schema.json).
 */
import { createHash } from 'node:crypto';
import type { FindingKind } from './judge.js';
import type { ProfileVerdict } from './profile-verdict.js';
import type { TargetOutcome } from './target.js';

/** The profile's verdict as written in a finding. */
export type ProfileRecord = { readonly ok: true } | { readonly ok: false; readonly code: string; readonly offset: number; readonly path: string };

/** One disagreement. */
export interface Finding {
  readonly struct: string;
  readonly kind: FindingKind;
  /** The minimized input, hex. */
  readonly hex: string;
  /** The input as the run first drew it, hex. */
  readonly originalHex: string;
  /** Where the input came from: seed and mutations. */
  readonly origin: string;
  /** Its index in the run's input stream (with the run's seed, it replays the draw). */
  readonly index: number;
  readonly profile: ProfileRecord;
  /** What the target did with the minimized input. */
  readonly target: TargetOutcome;
  readonly minimization: { readonly attempts: number; readonly fromBytes: number; readonly toBytes: number };
  /** struct, kind and the codes involved: later inputs with the same signature only count as occurrences. */
  readonly signature: string;
  occurrences: number;
}

/**
 * The profile's verdict without the decoded value.
 *
 * @example
 * profileRecord({ ok: false, code: 'truncated', offset: 0, path: 'DSError' })
 */
export function profileRecord(verdict: ProfileVerdict): ProfileRecord {
  return verdict.ok ? { ok: true } : { ok: false, code: verdict.code, offset: verdict.offset, path: verdict.path };
}

/**
 * The file name of a finding: `<struct>-<12 hex digits of SHA-256 over struct, kind and input>.json`.
 * The same finding from two shards gets the same name, so their directories merge.
 *
 * @example
 * findingFileName({ struct: 'DSError', kind: 'hang', hex: '00' }) // 'DSError-3c0ff4f0b1a2.json'
 */
export function findingFileName(finding: Pick<Finding, 'struct' | 'kind' | 'hex'>): string {
  const hash = createHash('sha256').update(`${finding.struct}\n${finding.kind}\n${finding.hex}`).digest('hex').slice(0, 12);
  return `${finding.struct.replace(/[^A-Za-z0-9_-]/g, '_')}-${hash}.json`;
}

/**
 * The signature of a disagreement: struct, kind, the profile's code and the target's.
 *
 * @example
 * signatureOf('DSError', 'accepts-refused', { ok: false, code: 'trailing-bytes', offset: 3, path: 'DSError' }, outcome)
 */
export function signatureOf(struct: string, kind: FindingKind, profile: ProfileVerdict, outcome: TargetOutcome): string {
  const targetCode = outcome.kind === 'answer' ? (outcome.answer.ok ? 'ok' : (outcome.answer.code ?? '(no code)')) : outcome.kind;
  return `${struct} ${kind} profile:${profile.ok ? 'ok' : profile.code} target:${targetCode}`;
}

/**
 * Whether `outcome` on `profile` still shows the disagreement of `signature`
 * (what minimization keeps).
 *
 * @example
 * sameDisagreement(finding.signature, 'DSError', 'accepts-refused', profile, outcome)
 */
export function sameDisagreement(signature: string, struct: string, kind: FindingKind | undefined, profile: ProfileVerdict, outcome: TargetOutcome): boolean {
  if (kind === undefined) return false;
  if (kind === 'crash' || kind === 'hang' || kind === 'memory' || kind === 're-encoding-differs') return signature.startsWith(`${struct} ${kind} `);
  return signatureOf(struct, kind, profile, outcome) === signature;
}
