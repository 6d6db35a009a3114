import { ProtocolError } from './protocol-error.js';

/** A token bucket's size and refill. */
export interface Budget {
  readonly burst: number;
  readonly perSecond: number;
}

/**
 * This provider's budgets (transport draft "Rate-limiting"; profile §14 gives the reference's, and we take the same
 * numbers): per group on the two joining-information paths, per member on /group_operation, and the anonymous
 * KeyPackage budget per client. They go into the target config's `budgets`, so the harness knows what to expect.
 * No limit per source address: every harness peer arrives from 127.0.0.1.
 */
export const BUDGETS = {
  '/group_operation': { member: { burst: 50, perSecond: 20 }, key_package: { burst: 10, perSecond: 1 / 360 } },
  '/welcome_information': { group: { burst: 40, perSecond: 10 } },
  '/external_commit_information': { group: { burst: 20, perSecond: 5 } },
} as const satisfies Record<string, Record<string, Budget>>;

type Path = keyof typeof BUDGETS;
type KindOf<P extends Path> = keyof (typeof BUDGETS)[P];

/**
 * Token buckets in real time per (path, kind, key). A refusal takes no token: 429 `rate_limited` with `Retry-After`
 * in whole seconds until one token is back, at least 1 (profile §10).
 *
 * @example
 * const limiter = createLimiter();
 * limiter.take('/external_commit_information', 'group', groupKey);
 */
export function createLimiter() {
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    take<P extends Path>(path: P, kind: KindOf<P>, key: string): void {
      const budget = BUDGETS[path][kind] as Budget;
      const id = `${path}|${String(kind)}|${key}`;
      const now = Date.now();
      const bucket = buckets.get(id);
      const tokens = bucket === undefined ? budget.burst : Math.min(budget.burst, bucket.tokens + ((now - bucket.at) / 1000) * budget.perSecond);
      if (tokens < 1) {
        const retryAfter = Math.max(1, Math.ceil((1 - tokens) / budget.perSecond));
        throw new ProtocolError('rate_limited', `over the ${String(kind)} budget of ${path} (${budget.burst}, ${budget.perSecond}/s)`, { 'retry-after': String(retryAfter) });
      }
      buckets.delete(id);
      buckets.set(id, { tokens: tokens - 1, at: now });
      // Bounded memory: the least recently used go first.
      if (buckets.size > 10_000) for (const old of [...buckets.keys()].slice(0, 1000)) buckets.delete(old);
    },
  };
}

/** The limiter of {@link createLimiter}. */
export type Limiter = ReturnType<typeof createLimiter>;
