/**
 * Minimization of a finding (issue 12 §2): the shortest input that still
 * shows the same disagreement, by removing ever smaller chunks (delta
 * debugging) while the disagreement holds; when the profile accepts the
 * current input, shrinking each of its vectors (to empty, to half) with the
 * enclosing headers fixed comes first, since removing bytes alone cannot
 * shorten a valid value. Candidates of one step go to the
 * target in one batch, which stops at the first crash, hang or memory
 * outcome, so a hanging candidate costs one timeout.
 */
import { createTrace, encodeTraced, type Codec } from '../codec/index.js';
import { sameBytes } from './hex.js';
import { profileVerdict, withoutStacks, type ProfileVerdict } from './profile-verdict.js';
import { lengthMarksOf, rewriteVector } from './relayout.js';
import type { FuzzTarget, TargetOutcome } from './target.js';

/** What a candidate must show to count as the same disagreement. */
export type StillFails = (profile: ProfileVerdict, outcome: TargetOutcome, bytes: Uint8Array) => boolean;

/** Limits of one minimization. */
export interface MinimizeBudget {
  /** Candidates tried at most (default 400). */
  readonly attempts?: number;
  /** Candidates that crash, hang or blow the memory bound, at most (each costs a restart, a hang a timeout; default 12). */
  readonly failures?: number;
}

/** The result: the shortest input found and what it took. */
export interface Minimized {
  readonly bytes: Uint8Array;
  readonly outcome: TargetOutcome;
  readonly attempts: number;
}

/** Shorter valid values: each vector of a value the profile accepts, emptied or halved. */
function structuralCandidates(codec: Codec<unknown>, struct: string, bytes: Uint8Array): Uint8Array[] {
  const verdict = profileVerdict(codec, struct, bytes);
  if (!verdict.ok) return [];
  const { bytes: again, trace } = withoutStacks(() => encodeTraced(codec, verdict.value, struct, createTrace()));
  if (trace === undefined || !sameBytes(again, bytes)) return [];
  const out: Uint8Array[] = [];
  for (const { index, mark } of lengthMarksOf(trace)) {
    const start = mark.pos + mark.size;
    for (const length of [0, Math.floor(mark.length / 2)]) {
      if (length >= mark.length) continue;
      const candidate = rewriteVector(bytes, trace, index, bytes.subarray(start, start + length));
      if (candidate !== null && candidate.length < bytes.length) out.push(candidate);
    }
  }
  return out;
}

function without(bytes: Uint8Array, start: number, length: number): Uint8Array {
  const out = new Uint8Array(bytes.length - length);
  out.set(bytes.subarray(0, start), 0);
  out.set(bytes.subarray(start + length), start);
  return out;
}

/**
 * Shrinks `bytes` (of `struct`) while `stillFails` holds at `target`.
 *
 * @example
 * const { bytes } = await minimize(target, 'DSError', dsError, input, outcome, (p, o) => o.kind === 'hang');
 */
export async function minimize(
  target: FuzzTarget,
  struct: string,
  codec: Codec<unknown>,
  bytes: Uint8Array,
  outcome: TargetOutcome,
  stillFails: StillFails,
  budget: MinimizeBudget = {},
): Promise<Minimized> {
  const maxAttempts = budget.attempts ?? 400;
  const maxFailures = budget.failures ?? 12;
  let best = { bytes, outcome };
  let attempts = 0;
  let failures = 0;
  let chunk = Math.max(1, Math.floor(bytes.length / 2));
  while (chunk >= 1 && attempts < maxAttempts && failures < maxFailures && best.bytes.length > 0) {
    const candidates: Uint8Array[] = structuralCandidates(codec, struct, best.bytes);
    for (let start = 0; start < best.bytes.length && candidates.length < maxAttempts - attempts; start += chunk) {
      candidates.push(without(best.bytes, start, Math.min(chunk, best.bytes.length - start)));
    }
    let improved = false;
    let from = 0;
    while (from < candidates.length && !improved && failures < maxFailures) {
      const batch = candidates.slice(from);
      const outcomes = await target.run(batch.map((candidate) => ({ struct, bytes: candidate })), { stopAtFailure: true });
      const before = from;
      for (let i = 0; i < batch.length; i++) {
        const result = outcomes[i];
        const candidate = batch[i];
        if (result === undefined || candidate === undefined || result.kind === 'skipped') break;
        attempts += 1;
        from += 1;
        if (result.kind !== 'answer') failures += 1;
        if (stillFails(profileVerdict(codec, struct, candidate), result, candidate)) {
          best = { bytes: candidate, outcome: result };
          improved = true;
          break;
        }
      }
      if (from === before) break;
    }
    if (!improved) chunk = chunk === 1 ? 0 : Math.floor(chunk / 2);
    else chunk = Math.min(chunk, Math.max(1, Math.floor(best.bytes.length / 2)));
  }
  return { bytes: best.bytes, outcome: best.outcome, attempts };
}
