import type { ProviderClock } from './clock.js';
import { ProviderError } from './provider-error.js';

/** A token bucket: `burst` requests at once, refilled at `perSecond`. */
export interface Budget {
  readonly burst: number;
  readonly perSecond: number;
}

/**
 * What a limit is keyed by (transport draft "Rate-limiting"); `key_package`
 * counts the KeyPackages of one client (and kind) that anonymous requests
 * may use up (DS draft §7.13, profile §14).
 */
export type LimitKind = 'source' | 'group' | 'member' | 'key_package';

/** Budgets per endpoint path and key kind; a path or kind left out is not limited. */
export type RateLimits = Readonly<Record<string, Partial<Record<LimitKind, Budget>>>>;

/** KeyPackages of one client and kind that anonymous requests may use up: 10 at once, then one every 6 minutes (profile §14). */
export const KEY_PACKAGE_BUDGET: Budget = { burst: 10, perSecond: 1 / 360 };

/**
 * Defaults: generous enough that an honest federation never meets them,
 * tight enough that a flood does. Per source address on every path, per
 * group on the two joining-information paths, per member on /group_operation.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  '/group_operation': { source: { burst: 200, perSecond: 100 }, member: { burst: 50, perSecond: 20 }, key_package: KEY_PACKAGE_BUDGET },
  '/welcome_information': { source: { burst: 100, perSecond: 50 }, group: { burst: 40, perSecond: 10 } },
  '/external_commit_information': { source: { burst: 100, perSecond: 50 }, group: { burst: 20, perSecond: 5 } },
  '/verification_key': { source: { burst: 100, perSecond: 50 } },
  '/deliver_message': { source: { burst: 500, perSecond: 200 } },
  '/connection_request': { source: { burst: 50, perSecond: 10 } },
  '/connection_key_packages': { source: { burst: 50, perSecond: 10 } },
  '/group_key_packages': { source: { burst: 100, perSecond: 50 } },
};

/** Takes tokens or refuses with 429 rate_limited and Retry-After (profile §10). */
export interface RateLimiter {
  /** Takes one token for `key` on `path`, or throws rate_limited without taking any. */
  take(path: string, kind: LimitKind, key: string): void;
  /** What {@link RateLimiter.take} would find now, taking nothing: the whole tokens left (Infinity if unlimited) and the Retry-After seconds until the next one. */
  peek(path: string, kind: LimitKind, key: string): { readonly tokens: number; readonly retryAfter: number };
  /** How many buckets are kept (for the memory bound's test). */
  readonly size: number;
}

/** Buckets kept before full ones are dropped (a full bucket is the same as none), so random keys cannot grow memory without bound. */
export const MAX_BUCKETS = 10_000;

/**
 * A token bucket per (path, kind, key) on the provider's clock. Written here
 * rather than taken from rate-limiter-flexible because its memory limiter
 * reads Date.now() and sets real timers, so it cannot run on the virtual clock.
 *
 * @example
 * const limiter = createRateLimiter(DEFAULT_RATE_LIMITS, clock);
 * limiter.take('/group_operation', 'source', remoteAddress);
 */
export function createRateLimiter(limits: RateLimits, clock: ProviderClock): RateLimiter {
  const buckets = new Map<string, { tokens: number; at: number; budget: Budget; kind: LimitKind }>();
  // Map order is least recently used first (every take deletes and re-sets its bucket). At the bound, full
  // buckets go (a full bucket is the same as none), then the least recently used down to 90%, so a sweep
  // happens once per tenth of the bound, not on every new key. A KeyPackage budget that is not full is never
  // dropped: dropping it would refill it, so a flood of new keys would reset a drained client's budget; there
  // is one per (client, kind) of the directory only, so they are bounded without the sweep.
  const sweep = (now: number) => {
    for (const [id, b] of buckets) if (b.tokens + ((now - b.at) / 1000) * b.budget.perSecond >= b.budget.burst) buckets.delete(id);
    for (const [id, b] of buckets) {
      if (buckets.size < MAX_BUCKETS * 0.9) break;
      if (b.kind !== 'key_package') buckets.delete(id);
    }
  };
  return {
    take(path, kind, key) {
      const budget = limits[path]?.[kind];
      if (budget === undefined) return;
      const id = `${path}|${kind}|${key}`;
      const now = clock.now();
      const bucket = buckets.get(id) ?? { tokens: budget.burst, at: now, budget, kind };
      const tokens = Math.min(budget.burst, bucket.tokens + ((now - bucket.at) / 1000) * budget.perSecond);
      if (!buckets.has(id) && buckets.size >= MAX_BUCKETS) sweep(now);
      if (tokens < 1) {
        buckets.delete(id);
        buckets.set(id, { tokens, at: now, budget, kind });
        const wait = Math.max(1, Math.ceil((1 - tokens) / budget.perSecond));
        throw new ProviderError('rate_limited', `over the ${kind} limit of ${path} (${budget.burst} at once, ${budget.perSecond}/s)`, { 'retry-after': String(wait) });
      }
      buckets.delete(id);
      buckets.set(id, { tokens: tokens - 1, at: now, budget, kind });
    },
    peek(path, kind, key) {
      const budget = limits[path]?.[kind];
      if (budget === undefined) return { tokens: Infinity, retryAfter: 0 };
      const bucket = buckets.get(`${path}|${kind}|${key}`);
      const tokens = bucket === undefined ? budget.burst : Math.min(budget.burst, bucket.tokens + ((clock.now() - bucket.at) / 1000) * budget.perSecond);
      return { tokens: Math.floor(tokens), retryAfter: Math.max(1, Math.ceil((1 - (tokens % 1)) / budget.perSecond)) };
    },
    get size() {
      return buckets.size;
    },
  };
}
