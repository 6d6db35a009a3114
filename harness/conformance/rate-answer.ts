import type { Budget, RateLimits } from '../provider/index.js';
import type { CheckContext } from './check.js';
import { decodeErrorAnswer, sendRequest, type WireRequest } from './wire.js';

/** What a rate-limit check needs of one answer: status, error code (`ok` on 200) and the Retry-After header as sent. */
export interface LimitAnswer {
  readonly status: number;
  /** `ok` for a 200, the error's code, or `undecodable: …` when the body is not an error of the carrier. */
  readonly code: string;
  readonly retryAfter: string | undefined;
}

/** Largest burst a check floods (a target declaring more is skipped, not flooded for minutes). */
export const MAX_FLOOD = 600;

/**
 * Sends one request (node:https, so the draft's GET with a body goes as it
 * is) and reads what a rate limit shows of the answer (profile §10: 429
 * `rate_limited` with Retry-After in the endpoint's error carrier).
 *
 * @example
 * const answer = await limitAnswer(ctx, { source: 'rate-client-1', url: `https://${ctx.target.dsDomain}/verification_key`, method: 'GET', body });
 */
export async function limitAnswer(ctx: CheckContext, request: WireRequest, carrier = 'DSResponse'): Promise<LimitAnswer> {
  const answer = await sendRequest(ctx, { ...request, headers: { 'content-type': 'application/octet-stream', ...(request.headers ?? {}) } });
  const header = answer.headers['retry-after'];
  const retryAfter = Array.isArray(header) ? header.join(', ') : header;
  if (answer.status === 200) return { status: 200, code: 'ok', retryAfter };
  const error = decodeErrorAnswer(carrier, answer.body);
  return { status: answer.status, code: error.ok ? error.code : `undecodable: ${error.problem}`, retryAfter };
}

/** `429 rate_limited, Retry-After 1` — for evidence. @example describeAnswer(answer) */
export function describeAnswer(answer: LimitAnswer): string {
  return `${answer.status} ${answer.code}${answer.retryAfter === undefined ? ', no Retry-After' : `, Retry-After ${answer.retryAfter}`}`;
}

/** The Retry-After of a 429 as whole seconds (RFC 9110 §10.2.3 delay-seconds; profile §10), or undefined if it is not a positive integer. @example retryAfterSeconds(answer) // 1 */
export function retryAfterSeconds(answer: LimitAnswer): number | undefined {
  if (answer.retryAfter === undefined || !/^[0-9]+$/.test(answer.retryAfter)) return undefined;
  const seconds = Number(answer.retryAfter);
  return seconds > 0 ? seconds : undefined;
}

/** Whether an answer is the profile's refusal for a rate limit: 429 `rate_limited` (profile §3, §10). @example isRateLimited(answer) */
export function isRateLimited(answer: LimitAnswer): boolean {
  return answer.status === 429 && answer.code === 'rate_limited';
}

/** The budget a target declares for `path` and `kind`, if any. @example declaredBudget(ctx, '/verification_key', 'source') */
export function declaredBudget(ctx: CheckContext, path: string, kind: 'source' | 'group' | 'member' | 'key_package'): Budget | undefined {
  const budgets: RateLimits | undefined = ctx.target.budgets;
  return budgets?.[path]?.[kind];
}

/**
 * A source (client label) for the `index`th request of a flood that must not
 * meet the per-source limit of `path`: a new label every `burst - 5`
 * requests (so a per-group or per-member limit is judged alone).
 *
 * @example
 * const source = spreadSource(ctx, '/welcome_information', 'rate-welcome', i);
 */
export function spreadSource(ctx: CheckContext, path: string, base: string, index: number): string {
  const burst = declaredBudget(ctx, path, 'source')?.burst;
  const perSource = burst === undefined ? Infinity : Math.max(1, burst - 5);
  return `${base}-${Number.isFinite(perSource) ? Math.floor(index / perSource) : 0}`;
}

/** What a flood found: the answers, and the first refusal if one came. */
export interface FloodResult {
  readonly answers: readonly LimitAnswer[];
  /** Index of the first answer that was not 200, if any. */
  readonly firstRefused: number | undefined;
}

/**
 * Sends up to `count` requests one after another (`send(i)`), stopping at the
 * first answer that is not a 200. Nothing moves the virtual clock meanwhile,
 * so a token bucket refills nothing during the flood.
 *
 * @example
 * const flood = await floodUntilRefused((i) => limitAnswer(ctx, request(i)), budget.burst + 1);
 */
export async function floodUntilRefused(send: (index: number) => Promise<LimitAnswer>, count: number): Promise<FloodResult> {
  const answers: LimitAnswer[] = [];
  for (let i = 0; i < count; i++) {
    const answer = await send(i);
    answers.push(answer);
    if (answer.status !== 200) return { answers, firstRefused: i };
  }
  return { answers, firstRefused: undefined };
}
