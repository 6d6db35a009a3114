import type { SeededRng } from './rng.js';

/**
 * Faults on a link (source → destination). Probabilities are per exchange
 * and drawn from the link's own seeded generator, so a seed replays them.
 */
/**
 * How long delivery takes, in virtual milliseconds: uniform in [minMs, maxMs],
 * exponential with a mean (a long tail, capped at maxMs), or normal with a
 * mean and standard deviation (never below 0).
 */
export type LatencyDistribution =
  | { readonly minMs: number; readonly maxMs: number }
  | { readonly exponentialMeanMs: number; readonly maxMs?: number }
  | { readonly normalMeanMs: number; readonly stdDevMs: number };

export interface LinkFaults {
  /** Extra one-way latency of virtual time, applied before delivery. */
  readonly latency?: LatencyDistribution;
  /** The request is lost: the server never sees it; the caller times out. */
  readonly dropRequest?: number;
  /** The response is lost after the server processed the request; the caller times out. */
  readonly dropResponse?: number;
  /** The request is delivered twice; the caller sees the first answer. */
  readonly duplicate?: number;
  /** The request is held back by `reorderDelayMs` so that later ones overtake it. */
  readonly reorder?: number;
  readonly reorderDelayMs?: number;
}

/** What happens to one exchange, decided up front. */
export interface FaultPlan {
  readonly delayMs: number;
  readonly dropRequest: boolean;
  readonly dropResponse: boolean;
  readonly duplicate: boolean;
  /** Names of the faults applied, for the trace. */
  readonly applied: readonly string[];
}

/** No faults at all. */
export const NO_FAULTS: FaultPlan = { delayMs: 0, dropRequest: false, dropResponse: false, duplicate: false, applied: [] };

/**
 * Draws the plan for one exchange. Draws happen in a fixed order whatever
 * is configured, so changing one probability does not shift the others.
 *
 * @example
 * const plan = planFaults({ dropRequest: 0.1 }, rng.fork('alpha.test->beta.test'));
 */
export function planFaults(faults: LinkFaults | undefined, rng: SeededRng): FaultPlan {
  if (faults === undefined) return NO_FAULTS;
  const draws = [rng.next(), rng.next(), rng.next(), rng.next(), rng.next(), rng.next()] as const;
  const applied: string[] = [];
  let delayMs = 0;
  if (faults.latency !== undefined) {
    delayMs = drawLatency(faults.latency, draws[0], draws[5]);
    if (delayMs > 0) applied.push(`latency ${delayMs}ms`);
  }
  const dropRequest = draws[1] < (faults.dropRequest ?? 0);
  const dropResponse = !dropRequest && draws[2] < (faults.dropResponse ?? 0);
  const duplicate = !dropRequest && draws[3] < (faults.duplicate ?? 0);
  if (draws[4] < (faults.reorder ?? 0)) {
    const extra = faults.reorderDelayMs ?? 50;
    delayMs += extra;
    applied.push(`reorder +${extra}ms`);
  }
  if (dropRequest) applied.push('drop request');
  if (dropResponse) applied.push('drop response');
  if (duplicate) applied.push('duplicate');
  return { delayMs, dropRequest, dropResponse, duplicate, applied };
}

/** One latency draw from two uniform draws `u` and `v` in [0, 1). */
function drawLatency(latency: LatencyDistribution, u: number, v: number): number {
  if ('minMs' in latency) return Math.round(latency.minMs + u * (latency.maxMs - latency.minMs));
  if ('exponentialMeanMs' in latency) return Math.round(Math.min(-Math.log(1 - u) * latency.exponentialMeanMs, latency.maxMs ?? Number.POSITIVE_INFINITY));
  // Box-Muller.
  const gaussian = Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
  return Math.max(0, Math.round(latency.normalMeanMs + gaussian * latency.stdDevMs));
}

/**
 * Combines the faults configured for source → destination, * → destination
 * and source → *: the most specific setting of each field wins.
 *
 * @example
 * mergeFaults(links.get('a->b'), links.get('*->b'), links.get('a->*'))
 */
export function mergeFaults(...layers: (LinkFaults | undefined)[]): LinkFaults | undefined {
  const present = layers.filter((layer): layer is LinkFaults => layer !== undefined);
  if (present.length === 0) return undefined;
  return Object.assign({}, ...[...present].reverse()) as LinkFaults;
}
