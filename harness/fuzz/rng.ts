/**
 * The fuzzer's randomness: input `index` of a run with `seed` is drawn from
 * its own generator, so any input can be reproduced alone and shards
 * (`--shard i/n`, issue 12 §4) draw exactly the inputs of an unsharded run.
 */

/** A generator of uint32s. */
export type Rng = () => number;

/**
 * The generator for one input (mulberry32 over a hash of seed and index).
 *
 * @example
 * const next = rngFor(1, 42); next() % 10
 */
export function rngFor(seed: number, index: number): Rng {
  let state = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(index + 0x632be5ab, 0xc2b2ae35);
  state ^= state >>> 16;
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return (t ^ (t >>> 14)) >>> 0;
  };
}

/**
 * One element of `items`, or undefined when it is empty.
 *
 * @example
 * pick(rngFor(1, 0), [1, 2, 3])
 */
export function pick<T>(rng: Rng, items: readonly T[]): T | undefined {
  return items.length === 0 ? undefined : items[rng() % items.length];
}
