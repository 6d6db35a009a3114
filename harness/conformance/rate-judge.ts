import type { Budget } from '../provider/index.js';
import type { CheckContext, CheckVerdict } from './check.js';
import { describeAnswer, floodUntilRefused, isRateLimited, retryAfterSeconds, type LimitAnswer } from './rate-answer.js';

/** One limit put on trial: its declared budget, how to send the `i`th request on its key, and what to judge. */
export interface LimitTrial {
  /** What is flooded, for evidence ("VerificationKeyRequests from one source address"). */
  readonly what: string;
  readonly budget: Budget;
  /** The `index`th request on the limited key (index counts on after the flood, for the recovery). */
  readonly send: (index: number) => Promise<LimitAnswer>;
  /** Exactly `burst` accepted and the next refused (default true); else only that a refusal comes within `burst + 1`. */
  readonly exact?: boolean;
  /** The refusal carries a Retry-After of whole seconds (default true). */
  readonly retryAfter?: boolean;
  /** A request on another key (another group, member or address) that must still be accepted while this one is refused. */
  readonly other?: { readonly what: string; readonly send: () => Promise<LimitAnswer> };
  /** Judge recovery on the virtual clock: still refused before the declared refill can have brought a token back, accepted after Retry-After (default true). */
  readonly recover?: boolean;
}

/** Milliseconds the declared budget needs to bring one token back to an empty bucket. */
const refillMs = (budget: Budget): number => 1000 / budget.perSecond;

function expectation(trial: LimitTrial): string {
  const parts = [trial.exact === false ? `a flood of ${trial.what} refused within ${trial.budget.burst + 1} requests with 429 rate_limited` : `${trial.budget.burst} ${trial.what} accepted, request ${trial.budget.burst + 1} refused with 429 rate_limited`];
  if (trial.retryAfter !== false) parts.push('Retry-After a positive number of whole seconds');
  if (trial.other !== undefined) parts.push(`meanwhile ${trial.other.what} accepted`);
  if (trial.recover !== false && trial.budget.perSecond > 0) parts.push(`still refused ${Math.max(0, Math.ceil(refillMs(trial.budget)) - 1)} ms later (the declared refill is ${trial.budget.perSecond}/s), accepted again after Retry-After`);
  return parts.join('; ');
}

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
