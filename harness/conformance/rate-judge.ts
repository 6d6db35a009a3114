import type { CheckContext, CheckVerdict } from './check.js';
import { describeAnswer, floodUntilRefused, isRateLimited, retryAfterSeconds } from './rate-answer.js';
import { judgeLimitInRealTime } from './rate-judge-real.js';
import { expectation, refillMs, type LimitTrial } from './rate-trial.js';

export type { LimitTrial };

/**
 * Judges one rate limit from outside (issue 10 §3 rate-limit; transport
 * draft "Rate-limiting"; profile §10, §14): it triggers at the declared
 * budget and not before, answers 429 `rate_limited` with Retry-After,
 * isolates its key from another, and recovers on the virtual clock, never
 * before the declared refill allows. Each part can be left out. The
 * virtual clock first runs until the declared budget is full again.
 *
 * @example
 * return judgeLimit(ctx, { what: 'requests for one group', budget, send: (i) => limitAnswer(ctx, request(i)), other: { what: 'a request for another group', send: () => limitAnswer(ctx, otherRequest) } });
 */
export async function judgeLimit(ctx: CheckContext, trial: LimitTrial): Promise<CheckVerdict> {
  if (ctx.external === true) return judgeLimitInRealTime(ctx, trial);
  const expected = expectation(trial);
  const { burst } = trial.budget;
  // The set-up's own requests (a commit of the flooding member, say) may have spent tokens: let the declared budget refill completely first.
  // A budget that never refills (perSecond 0) cannot be refilled, nor judged for recovery.
  const refills = trial.budget.perSecond > 0;
  if (refills) await ctx.network.advance(Math.ceil((burst / trial.budget.perSecond) * 1000));
  const flood = await floodUntilRefused(trial.send, burst + 1);
  const at = flood.firstRefused;
  const refusal = at === undefined ? undefined : flood.answers[at];
  if (at === undefined || refusal === undefined) return { status: 'fail', expected, actual: `all ${burst + 1} requests accepted: no limit at the declared burst of ${burst}` };
  if (trial.exact !== false && at < burst) return { status: 'fail', expected, actual: `request ${at + 1} of the declared burst of ${burst} got ${describeAnswer(refusal)}` };
  if (!isRateLimited(refusal)) return { status: 'fail', expected, actual: `request ${at + 1} got ${describeAnswer(refusal)}, not 429 rate_limited` };
  const seconds = retryAfterSeconds(refusal);
  if (trial.retryAfter !== false && seconds === undefined) return { status: 'fail', expected, actual: `request ${at + 1} got ${describeAnswer(refusal)}: Retry-After is not a positive number of whole seconds` };
  const seen = [`${at} accepted, then ${describeAnswer(refusal)}`];
  if (trial.other !== undefined) {
    const other = await trial.other.send();
    if (other.status !== 200) return { status: 'fail', expected, actual: `${seen.join('; ')}; then ${trial.other.what} got ${describeAnswer(other)}` };
    seen.push(`${trial.other.what}: 200`);
  }
  if (trial.recover !== false && refills) {
    const wait = (seconds ?? Math.ceil(refillMs(trial.budget) / 1000)) * 1000;
    const early = Math.max(0, Math.ceil(refillMs(trial.budget)) - 1);
    if (early >= wait) return { status: 'fail', expected, actual: `${seen.join('; ')}: Retry-After ${wait / 1000} s is shorter than the declared refill of one token per ${refillMs(trial.budget)} ms` };
    await ctx.network.advance(early);
    const before = await trial.send(at + 1);
    if (!isRateLimited(before)) return { status: 'fail', expected, actual: `${seen.join('; ')}; ${early} ms later, before the declared budget can refill a token: ${describeAnswer(before)}` };
    await ctx.network.advance(wait - early);
    const after = await trial.send(at + 2);
    if (after.status !== 200) return { status: 'fail', expected, actual: `${seen.join('; ')}; still refused ${early} ms later; after Retry-After (${wait / 1000} s): ${describeAnswer(after)}` };
    seen.push(`still refused ${early} ms later`, `accepted after ${wait / 1000} s`);
  }
  return { status: 'pass', expected, actual: seen.join('; ') };
}
