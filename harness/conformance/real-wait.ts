import type { CheckContext } from './check.js';
import type { WireAnswer } from './wire.js';

/** The most real time a check waits for an external target's own clock (a refill, a Retry-After, a retry): issue 11 §1 "waits in real time with a bounded budget". */
export const REAL_WAIT_BUDGET_MS = 10_000;

/**
 * Waits `ms` of real time for an external target's clock, if that is
 * within {@link REAL_WAIT_BUDGET_MS}; false (no wait) if it is more. Only
 * for an external target: an in-process one is moved on the virtual clock.
 *
 * @example
 * if (!(await realWait(ctx, retryAfter * 1000))) return { status: 'skip', expected, actual: 'Retry-After is longer than the real-time budget' };
 */
export async function realWait(ctx: CheckContext, ms: number): Promise<boolean> {
  if (ctx.external !== true) throw new Error('realWait is for an external target; move an in-process one on the virtual clock');
  if (ms > REAL_WAIT_BUDGET_MS) return false;
  const started = Date.now();
  try {
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
  } finally {
    if (ctx.realWaits !== undefined) ctx.realWaits.waitedMs += Date.now() - started;
  }
  return true;
}

/**
 * Sends, and for an external target whose answer is 429 with a Retry-After
 * within the real-time budget, waits that long and sends once more: a
 * check that is not about rate limits should not take an external target's
 * per-source limit (every harness request comes from 127.0.0.1, which an
 * in-process target sees as many addresses) for its verdict.
 *
 * @example
 * const after = await pastRateLimit(ctx, () => send(probe));
 */
export async function pastRateLimit(ctx: CheckContext, send: () => Promise<WireAnswer>): Promise<WireAnswer> {
  const answer = await send();
  if (ctx.external !== true || answer.status !== 429) return answer;
  const header = answer.headers['retry-after'];
  const seconds = Number(Array.isArray(header) ? header[0] : header);
  if (!Number.isInteger(seconds) || seconds < 0 || !(await realWait(ctx, seconds * 1000))) return answer;
  return send();
}
