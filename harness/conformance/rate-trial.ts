import type { Budget } from '../provider/index.js';
import type { LimitAnswer } from './rate-answer.js';

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

/** Milliseconds the declared budget needs to bring one token back to an empty bucket. @example refillMs({ burst: 40, perSecond: 10 }) // 100 */
export const refillMs = (budget: Budget): number => 1000 / budget.perSecond;

/** What a trial expects, in words, for evidence. @example expectation(trial) // '40 requests for one group accepted, request 41 refused …' */
export function expectation(trial: LimitTrial): string {
  const parts = [trial.exact === false ? `a flood of ${trial.what} refused within ${trial.budget.burst + 1} requests with 429 rate_limited` : `${trial.budget.burst} ${trial.what} accepted, request ${trial.budget.burst + 1} refused with 429 rate_limited`];
  if (trial.retryAfter !== false) parts.push('Retry-After a positive number of whole seconds');
  if (trial.other !== undefined) parts.push(`meanwhile ${trial.other.what} accepted`);
  if (trial.recover !== false && trial.budget.perSecond > 0) parts.push(`still refused ${Math.max(0, Math.ceil(refillMs(trial.budget)) - 1)} ms later (the declared refill is ${trial.budget.perSecond}/s), accepted again after Retry-After`);
  return parts.join('; ');
}
