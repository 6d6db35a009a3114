/**
 * The inputs mutations start from (issue 12 §2): valid values drawn from
 * each struct's fast-check arbitrary, the bundled vectors (fixtures/vectors,
 * positive and negative) and a corpus. Valid ones are re-encoded with a
 * trace of their length headers and enums, for the structure-aware mutations.
 */
import * as fc from 'fast-check';
import { createTrace, encodeTraced, type Codec, type EncodeTrace } from '../codec/index.js';
import type { StructVectors } from '../messages/index.js';
import { bytesOfHex, sameBytes } from './hex.js';
import { profileVerdict } from './profile-verdict.js';
import { protocolCodec } from './structs.js';

/** One input to mutate, and where it came from. */
export interface Seed {
  readonly struct: string;
  readonly codec: Codec<unknown>;
  readonly bytes: Uint8Array;
  /** Where the length headers and enums are; only for inputs the profile accepts. */
  readonly trace: EncodeTrace | undefined;
  readonly origin: string;
  /** Positions of `optional<T>` presence bytes, found by probing on first use. */
  optionalFlags?: readonly number[];
}

/** A corpus entry: `<Struct> <hex>` from a corpus file or an earlier finding. */
export interface CorpusInput {
  readonly struct: string;
  readonly hex: string;
  readonly origin: string;
}

/** What {@link buildSeeds} draws from. */
export interface SeedSources {
  readonly structs: readonly string[];
  readonly seed: number;
  /** Values drawn from each struct's arbitrary (default 16). */
  readonly perStruct?: number | undefined;
  readonly vectors?: readonly StructVectors[] | undefined;
  readonly corpus?: readonly CorpusInput[] | undefined;
}

function seedOf(struct: string, codec: Codec<unknown>, bytes: Uint8Array, origin: string): Seed {
  const verdict = profileVerdict(codec, struct, bytes);
  if (!verdict.ok) return { struct, codec, bytes, trace: undefined, origin };
  const { bytes: again, trace } = encodeTraced(codec, verdict.value, struct, createTrace());
  return { struct, codec, bytes, trace: sameBytes(again, bytes) ? trace : undefined, origin };
}

/**
 * The seeds of a run, corpus first, then vectors, then drawn values, so
 * that a run tries earlier findings before anything else. Unknown struct
 * names in the corpus or vectors are skipped.
 *
 * @example
 * buildSeeds({ structs: ['DSError'], seed: 1 }).length // 16
 */
export function buildSeeds(sources: SeedSources): Seed[] {
  const wanted = new Set(sources.structs);
  const seeds: Seed[] = [];
  const add = (struct: string, hex: string, origin: string): void => {
    const codec = protocolCodec(struct);
    const bytes = bytesOfHex(hex);
    if (codec !== undefined && bytes !== undefined && wanted.has(struct)) seeds.push(seedOf(struct, codec, bytes, origin));
  };
  for (const entry of sources.corpus ?? []) add(entry.struct, entry.hex, entry.origin);
  for (const file of sources.vectors ?? []) {
    for (const vector of [...file.positive, ...file.negative]) add(file.struct, vector.hex, `vector ${vector.name}`);
  }
  sources.structs.forEach((struct, position) => {
    const codec = protocolCodec(struct);
    if (codec === undefined) return;
    const values = fc.sample(codec.arbitrary(), { seed: sources.seed + position, numRuns: sources.perStruct ?? 16 });
    values.forEach((value, i) => {
      const { bytes, trace } = encodeTraced(codec, value, struct, createTrace());
      seeds.push({ struct, codec, bytes, trace, origin: `arbitrary #${i}` });
    });
  });
  return seeds;
}
