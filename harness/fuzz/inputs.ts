/**
 * The input stream of a run: input `index` is a pure function of the run's
 * seed, the seeds and `index` (issue 12 §4: a shard draws the indices
 * `i - 1, i - 1 + n, …` and the union of the shards is the unsharded run).
 * The first inputs are the seeds as they are; every later one is a
 * mutation of a seed drawn at random, sometimes mutated twice.
 */
import type { Codec } from '../codec/index.js';
import { mutate } from './mutations.js';
import { rngFor } from './rng.js';
import type { Seed } from './seeds.js';

/** One input of a run. */
export interface FuzzInput {
  readonly index: number;
  readonly struct: string;
  readonly codec: Codec<unknown>;
  readonly bytes: Uint8Array;
  /** Where it came from: the seed's origin and the mutations applied. */
  readonly origin: string;
}

/** Inputs larger than this are cut (a bomb stays far below it; this keeps lines to the target bounded). */
const MAX_INPUT = 4 << 20;

/**
 * Input `index` of the run with `seed` over `seeds`.
 *
 * @example
 * inputAt(buildSeeds({ structs: ['DSError'], seed: 1 }), 1, 100).origin // 'arbitrary #3, truncated at 2'
 */
export function inputAt(seeds: readonly Seed[], seed: number, index: number): FuzzInput {
  const direct = seeds[index];
  if (direct !== undefined) return { index, struct: direct.struct, codec: direct.codec, bytes: direct.bytes, origin: direct.origin };
  const rng = rngFor(seed, index);
  const base = seeds[rng() % seeds.length];
  if (base === undefined) throw new RangeError('a run needs at least one seed');
  let mutant = mutate(base, rng);
  let origin = `${base.origin}, ${mutant.name}`;
  if (rng() % 4 === 0) {
    mutant = mutate({ ...base, bytes: mutant.bytes, trace: undefined, optionalFlags: [] }, rng);
    origin += `, ${mutant.name}`;
  }
  const bytes = mutant.bytes.length > MAX_INPUT ? mutant.bytes.subarray(0, MAX_INPUT) : mutant.bytes;
  return { index, struct: base.struct, codec: base.codec, bytes, origin };
}
