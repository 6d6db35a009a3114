/**
 * Structure-aware mutations for the fuzzer (issue 12 §2), over a seed's
 * encode trace: every length header at and around its limits and the varint
 * boundaries of RFC 9420 §2.1.2 (63/64, 16383/16384), non-minimal headers,
 * the reserved prefix 0b11, unknown enum values, bad `optional` presence
 * bytes (RFC 9420 §2.1.3), truncation at every field boundary, trailing
 * bytes, zero-size elements, element-count and depth bombs, a length
 * claiming 1 GiB; and plain byte havoc for inputs without a trace.
 */
import { hugeLength, lyingLength, unknownEnum, type EncodeTrace, type EnumMark, type LengthMark } from '../codec/index.js';
import { insertIntoVector, lengthMarksOf, rewriteVector, spliceBytes } from './relayout.js';
import { pick, type Rng } from './rng.js';
import type { Seed } from './seeds.js';
import { optionalFlags } from './optional-flags.js';

/** A mutated input and the name of what was done. */
export interface Mutant {
  readonly name: string;
  readonly bytes: Uint8Array;
}

type Mutator = (seed: Seed, rng: Rng) => Mutant | null;

/** Lengths around the header-size boundaries of RFC 9420 §2.1.2. */
export const VARINT_BOUNDARIES: readonly number[] = [0, 1, 62, 63, 64, 65, 16382, 16383, 16384, 16385];
/** One more element than the codec's default limit (DEFAULT_LIMITS.maxVectorElements). */
const COUNT_BOMB = 65_537;
const INTERESTING = [0x00, 0x01, 0x3f, 0x40, 0x7f, 0x80, 0xbf, 0xc0, 0xff];
/** A filler that keeps text fields valid ('a') and fixed-width elements aligned in pairs. */
const FILLER = 0x61;

function boundariesOf(mark: LengthMark, large: boolean): number[] {
  const around = [mark.length - 1, mark.length + 1];
  const all = mark.prefix.kind === 'varint' ? [...VARINT_BOUNDARIES, ...around] : [0, mark.prefix.min - 1, mark.prefix.min, mark.prefix.min + 1, mark.prefix.max - 1, mark.prefix.max, mark.prefix.max + 1, ...around];
  // Large contents (16 KiB and up) are drawn apart and more rarely: they cost a decoder a hundred times a small one.
  return all.filter((n) => n >= 0 && n <= 70_000 && (n > 1024) === large);
}

function resized(old: Uint8Array, length: number): Uint8Array {
  if (length <= old.length) return old.subarray(0, length);
  const out = new Uint8Array(length).fill(FILLER);
  out.set(old, 0);
  return out;
}

function lengthMark(trace: EncodeTrace | undefined, rng: Rng): { index: number; mark: LengthMark } | undefined {
  return trace === undefined ? undefined : pick(rng, lengthMarksOf(trace));
}

function varintMark(trace: EncodeTrace | undefined, rng: Rng): { index: number; mark: LengthMark } | undefined {
  return trace === undefined ? undefined : pick(rng, lengthMarksOf(trace).filter(({ mark }) => mark.prefix.kind === 'varint'));
}

function fieldBoundaries(seed: Seed): number[] {
  const out = new Set<number>([0, seed.bytes.length - 1]);
  for (const mark of seed.trace?.marks ?? []) {
    out.add(mark.pos);
    if (mark.kind === 'length') {
      out.add(mark.pos + mark.size);
      out.add(mark.pos + mark.size + mark.length);
    } else {
      out.add(mark.pos + mark.width);
    }
  }
  for (const flag of seed.optionalFlags ?? []) out.add(flag + 1);
  return [...out].filter((n) => n >= 0 && n < seed.bytes.length);
}

let nestedHeadersCache: Uint8Array | undefined;
/** 1,000 length headers, each claiming exactly the rest: a depth bomb for any vector of vectors. */
function nestedHeaders(): Uint8Array {
  if (nestedHeadersCache !== undefined) return nestedHeadersCache;
  const sizes: number[] = [];
  let length = 0;
  for (let depth = 0; depth < 1000; depth++) {
    sizes.push(length);
    length += length < 64 ? 1 : length < 16384 ? 2 : 4;
  }
  const out = new Uint8Array(length);
  let pos = 0;
  for (let depth = sizes.length - 1; depth >= 0; depth--) {
    const inner = sizes[depth] ?? 0;
    if (inner < 64) out[pos++] = inner;
    else {
      out[pos++] = 0x40 | (inner >> 8);
      out[pos++] = inner & 0xff;
    }
  }
  nestedHeadersCache = out;
  return out;
}

const resizeTo =
  (large: boolean): Mutator =>
  (seed, rng) => {
  const found = lengthMark(seed.trace, rng);
  if (found === undefined || seed.trace === undefined) return null;
  const length = pick(rng, boundariesOf(found.mark, large));
  if (length === undefined) return null;
  const start = found.mark.pos + found.mark.size;
  const bytes = rewriteVector(seed.bytes, seed.trace, found.index, resized(seed.bytes.subarray(start, start + found.mark.length), Math.max(0, length)));
  return bytes && { name: `vector at ${found.mark.pos} resized ${found.mark.length} -> ${length}`, bytes };
  };

const lyingHeader: Mutator = (seed, rng) => {
  const found = lengthMark(seed.trace, rng);
  if (found === undefined || seed.trace === undefined) return null;
  if (rng() % 2 === 0) return lyingLength(seed.bytes, seed.trace, rng(), rng());
  const length = pick(rng, boundariesOf(found.mark, rng() % 8 === 0)) ?? 0;
  const { mark } = found;
  if (mark.prefix.kind !== 'varint' || length < 0) return null;
  const head = length < 64 ? Uint8Array.of(length) : Uint8Array.of(0x40 | (length >> 8), length & 0xff);
  if (length >= 16384) return null;
  return { name: `length at ${mark.pos} claims ${length} (was ${mark.length})`, bytes: spliceBytes(seed.bytes, mark.pos, mark.size, head) };
};

const nonMinimal: Mutator = (seed, rng) => {
  const found = varintMark(seed.trace, rng);
  if (found === undefined || seed.trace === undefined || found.mark.size === 4) return null;
  const size = found.mark.size === 2 || rng() % 2 === 0 ? 4 : 2;
  const bytes = rewriteVector(seed.bytes, seed.trace, found.index, undefined, size);
  return bytes && { name: `non-minimal ${size}-byte header for ${found.mark.length} at ${found.mark.pos}`, bytes };
};

const reservedPrefix: Mutator = (seed, rng) => {
  const found = varintMark(seed.trace, rng);
  if (found === undefined) return null;
  const bytes = seed.bytes.slice();
  bytes[found.mark.pos] = 0xc0 | ((bytes[found.mark.pos] ?? 0) & 0x3f);
  return { name: `reserved prefix 0b11 at ${found.mark.pos}`, bytes };
};

const huge: Mutator = (seed, rng) => {
  if (seed.trace === undefined) return null;
  const mutation = hugeLength(seed.bytes, seed.trace, rng());
  return mutation && { name: `length claiming 1 GiB: ${mutation.name}`, bytes: mutation.bytes };
};

const badEnum: Mutator = (seed, rng) => {
  if (seed.trace === undefined) return null;
  const marks = seed.trace.marks.filter((m): m is EnumMark => m.kind === 'enum');
  const chosen = rng() % Math.max(1, marks.length);
  const mark = marks[chosen];
  if (mark === undefined) return null;
  const value = pick(rng, [rng(), 2 ** (8 * mark.width) - 1, Math.max(...mark.allowed) + 1]) ?? 0;
  const mutation = unknownEnum(seed.bytes, seed.trace, chosen, value);
  return mutation && { name: `unknown ${mutation.name}`, bytes: mutation.bytes };
};

const badOptional: Mutator = (seed, rng) => {
  const at = pick(rng, optionalFlags(seed));
  if (at === undefined) return null;
  const bytes = seed.bytes.slice();
  bytes[at] = pick(rng, [2, 0x80, 0xff]) ?? 2;
  return { name: `optional presence byte ${bytes[at]} at ${at}`, bytes };
};

const truncate: Mutator = (seed, rng) => {
  const at = pick(rng, fieldBoundaries(seed));
  return at === undefined ? null : { name: `truncated at ${at}`, bytes: seed.bytes.subarray(0, at) };
};

const trailing: Mutator = (seed, rng) => {
  const extra = pick(rng, [Uint8Array.of(0), Uint8Array.of(0xff), Uint8Array.of(rng() & 0xff, rng() & 0xff), seed.bytes]) ?? Uint8Array.of(0);
  return { name: `${extra.length} trailing bytes`, bytes: spliceBytes(seed.bytes, seed.bytes.length, 0, extra) };
};

function insertZeros(seed: Seed, rng: Rng, count: number, name: string): Mutant | null {
  const found = lengthMark(seed.trace, rng);
  if (found === undefined || seed.trace === undefined) return null;
  // At the start of the content, or where one of its elements (a nested vector) starts.
  const start = found.mark.pos + found.mark.size;
  const children = lengthMarksOf(seed.trace).filter(({ mark }) => mark.parents.at(-1) === found.index).map(({ mark }) => mark.pos - start);
  const at = pick(rng, [0, ...children]) ?? 0;
  const bytes = insertIntoVector(seed.bytes, seed.trace, found.index, at, new Uint8Array(count));
  return bytes && { name: `${name} in the vector at ${found.mark.pos}`, bytes };
}

const zeroElements: Mutator = (seed, rng) => insertZeros(seed, rng, 1 + (rng() % 3), 'zero-size elements');
const countBomb: Mutator = (seed, rng) => insertZeros(seed, rng, COUNT_BOMB, `element-count bomb (${COUNT_BOMB} one-byte elements)`);

const depthBomb: Mutator = (seed, rng) => {
  const found = lengthMark(seed.trace, rng);
  if (found === undefined || seed.trace === undefined) return null;
  const bytes = rewriteVector(seed.bytes, seed.trace, found.index, nestedHeaders());
  return bytes && { name: `depth bomb (1000 nested headers) in the vector at ${found.mark.pos}`, bytes };
};

const havoc: Mutator = (seed, rng) => {
  const { bytes } = seed;
  if (bytes.length === 0) return { name: 'one random byte', bytes: Uint8Array.of(rng() & 0xff) };
  const at = rng() % bytes.length;
  const out = bytes.slice();
  switch (rng() % 5) {
    case 0:
      out[at] = (out[at] ?? 0) ^ (1 << (rng() % 8));
      return { name: `bit flip at ${at}`, bytes: out };
    case 1:
      out[at] = pick(rng, INTERESTING) ?? 0;
      return { name: `byte ${out[at]} at ${at}`, bytes: out };
    case 2:
      out[at] = rng() & 0xff;
      return { name: `random byte at ${at}`, bytes: out };
    case 3: {
      const length = 1 + (rng() % Math.min(16, bytes.length - at));
      return { name: `${length} bytes deleted at ${at}`, bytes: spliceBytes(bytes, at, length, new Uint8Array(0)) };
    }
    default: {
      const length = 1 + (rng() % Math.min(16, bytes.length - at));
      return { name: `${length} bytes duplicated at ${at}`, bytes: spliceBytes(bytes, at, 0, bytes.subarray(at, at + length)) };
    }
  }
};

/**
 * The mutators, each with a weight in thousandths (how often it is drawn).
 * Inputs of 16 KiB and more (large resizes, bombs) are about 1 in 100: a
 * count bomb costs a decoder a thousand small inputs.
 */
export const MUTATORS: readonly { readonly name: string; readonly weight: number; readonly apply: Mutator }[] = [
  { name: 'resize', weight: 130, apply: resizeTo(false) },
  { name: 'resize-large', weight: 6, apply: resizeTo(true) },
  { name: 'lying-length', weight: 90, apply: lyingHeader },
  { name: 'non-minimal', weight: 90, apply: nonMinimal },
  { name: 'reserved-prefix', weight: 45, apply: reservedPrefix },
  { name: 'huge-length', weight: 45, apply: huge },
  { name: 'unknown-enum', weight: 90, apply: badEnum },
  { name: 'bad-optional', weight: 65, apply: badOptional },
  { name: 'truncate', weight: 90, apply: truncate },
  { name: 'trailing', weight: 65, apply: trailing },
  { name: 'zero-elements', weight: 65, apply: zeroElements },
  { name: 'count-bomb', weight: 2, apply: countBomb },
  { name: 'depth-bomb', weight: 5, apply: depthBomb },
  { name: 'havoc', weight: 212, apply: havoc },
];

const TOTAL_WEIGHT = MUTATORS.reduce((sum, m) => sum + m.weight, 0);

/**
 * One mutation of `seed`, drawn by weight; havoc when the drawn one does not
 * apply (no trace, no such field). The same rng state gives the same mutant.
 *
 * @example
 * mutate(seed, rngFor(1, 7)) // { name: 'non-minimal 2-byte header for 10 at 2', bytes }
 */
export function mutate(seed: Seed, rng: Rng): Mutant {
  for (let attempt = 0; attempt < 3; attempt++) {
    let roll = rng() % TOTAL_WEIGHT;
    const mutator = MUTATORS.find((m) => (roll -= m.weight) < 0) ?? MUTATORS[0];
    const mutant = mutator?.apply(seed, rng);
    if (mutant) return mutant;
  }
  return havoc(seed, rng) ?? { name: 'as is', bytes: seed.bytes };
}
