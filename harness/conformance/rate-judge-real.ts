import { performance } from 'node:perf_hooks';
import type { CheckContext, CheckVerdict } from './check.js';
import { describeAnswer, floodUntilRefused, isRateLimited, MAX_FLOOD, retryAfterSeconds } from './rate-answer.js';
import { expectation, refillMs, type LimitTrial } from './rate-trial.js';
import { REAL_WAIT_BUDGET_MS, realWait } from './real-wait.js';

/**
 * `judgeLimit` for an external target, whose buckets refill on its own
 * real clock (issue 11 §1): the declared budget is first let refill in real
 * time (when that fits the real-time budget); the refusal must come no
 * earlier than the declared burst and no later than the burst plus what the
 * declared rate refilled while the flood ran; recovery is judged after a real wait of
 * Retry-After, or the verdict is `skip` with the reason when Retry-After is
 * longer than the real-time budget.
 *
 * @example
 * return judgeLimitInRealTime(ctx, trial);
 */
export async function judgeLimitInRealTime(ctx: CheckContext, trial: LimitTrial): Promise<CheckVerdict> {
  const expected = `${expectation(trial)} (an external target: its buckets refill in real time while the harness floods, so up to that many more are accepted)`;
  const { burst, perSecond } = trial.budget;
  const refills = perSecond > 0;
  // The set-up's own requests may have spent tokens: let them come back in real time when that is short enough.
  const fullRefillMs = refills ? Math.ceil((burst / perSecond) * 1000) : Infinity;
  const refilled = refills && (await realWait(ctx, fullRefillMs));
  const started = performance.now();
  const flood = await floodUntilRefused(trial.send, Math.min(MAX_FLOOD, burst + 1 + Math.ceil(perSecond * 30)));
  const floodSeconds = (performance.now() - started) / 1000;
  const allowed = burst + Math.ceil(perSecond * floodSeconds);
  const at = flood.firstRefused;
  const refusal = at === undefined ? undefined : flood.answers[at];
  if (at === undefined || refusal === undefined) return { status: 'fail', expected, actual: `all ${flood.answers.length} requests accepted in ${floodSeconds.toFixed(1)} s: no limit at the declared burst of ${burst} (at ${perSecond}/s at most ${allowed} could have been)` };
  if (at > allowed) return { status: 'fail', expected, actual: `${at} accepted in ${floodSeconds.toFixed(1)} s before ${describeAnswer(refusal)}: more than the declared burst of ${burst} plus ${perSecond}/s of refill (${allowed})` };
  if (trial.exact !== false && refilled && at < burst) return { status: 'fail', expected, actual: `request ${at + 1} of the declared burst of ${burst} got ${describeAnswer(refusal)}` };
  if (!isRateLimited(refusal)) return { status: 'fail', expected, actual: `request ${at + 1} got ${describeAnswer(refusal)}, not 429 rate_limited` };
  const seconds = retryAfterSeconds(refusal);
  if (trial.retryAfter !== false && seconds === undefined) return { status: 'fail', expected, actual: `request ${at + 1} got ${describeAnswer(refusal)}: Retry-After is not a positive number of whole seconds` };
  const seen = [`${at} accepted in ${floodSeconds.toFixed(1)} s, then ${describeAnswer(refusal)}`];
  if (!refilled && refills) seen.push(`(the declared refill of ${burst} tokens takes ${fullRefillMs} ms, longer than the real-time budget, so tokens the set-up spent may be missing: the lower bound was not judged)`);
  // "Still refused before the declared refill could bring a token back" is not judged in real time: the bucket's
  // fraction of a token at the refusal is unknown, so even a request at once may legally find a whole token.
  const refusedAt = performance.now();
  const judgeRecovery = trial.recover !== false && refills;
  if (trial.other !== undefined) {
    const other = await trial.other.send();
    if (other.status !== 200) return { status: 'fail', expected, actual: `${seen.join('; ')}; then ${trial.other.what} got ${describeAnswer(other)}` };
    seen.push(`${trial.other.what}: 200`);
  }
  if (judgeRecovery) {
    const wait = (seconds ?? Math.ceil(refillMs(trial.budget) / 1000)) * 1000;
    if (!(await realWait(ctx, wait - (performance.now() - refusedAt)))) return { status: 'skip', expected, actual: `${seen.join('; ')}; recovery not judged: Retry-After ${wait / 1000} s is longer than the real-time budget of ${REAL_WAIT_BUDGET_MS / 1000} s for an external target` };
    const after = await trial.send(at + 2);
    if (after.status !== 200) return { status: 'fail', expected, actual: `${seen.join('; ')}; after Retry-After (${wait / 1000} s, real time): ${describeAnswer(after)}` };
    seen.push(`accepted after ${wait / 1000} s`);
  }
  return { status: 'pass', expected, actual: seen.join('; ') };
}
