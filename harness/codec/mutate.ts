/**
 * Structure-aware mutations of an encoding, for fuzzing decoders (ours in
 * the codec laws, anyone's through `mimi-harness decode --stdin`). Each
 * mutation says what a strict decoder must do with it.
 */
import type { EncodeTrace, EnumMark, LengthMark } from './encode-trace.js';
import type { LengthPrefix } from './length-prefix.js';
import { varintSize } from './varint.js';

/** A mutated encoding and what a strict decoder must do with it. */
export interface Mutation {
  readonly name: string;
  readonly bytes: Uint8Array;
  /** `refuse`: must be refused with `code` at `offset` when given; `either`: refused or accepted and re-encoded exactly. */
  readonly expect: { readonly kind: 'refuse'; readonly code?: string; readonly offset?: number } | { readonly kind: 'either' };
}

/**
 * Header bytes for `length` in exactly `size` bytes (possibly non-minimal).
 *
 * @example
 * headerBytes(VARIABLE, 37, 2) // [0x40, 0x25]
 */
export function headerBytes(prefix: LengthPrefix, length: number, size: number): Uint8Array {
  const out = new Uint8Array(size);
  for (let i = 0; i < size; i++) out[size - 1 - i] = Math.floor(length / 2 ** (8 * i)) & 0xff;
  if (prefix.kind === 'varint') out[0] = (out[0] ?? 0) | (size === 1 ? 0 : size === 2 ? 0x40 : 0x80);
  return out;
}

/**
 * `bytes` with `remove` bytes at `at` replaced by `insert` (a new array).
 *
 * @example
 * splice(Uint8Array.of(1, 2, 3), 1, 1, Uint8Array.of(9, 9)); // 01 09 09 03
 */
export function splice(bytes: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(bytes.length - remove + insert.length);
  out.set(bytes.subarray(0, at), 0);
  out.set(insert, at);
  out.set(bytes.subarray(at + remove), at + insert.length);
  return out;
}

function fitsSameHeader(mark: LengthMark, length: number): boolean {
  if (mark.prefix.kind === 'varint') return length <= 2 ** 30 - 1 && varintSize(length) === mark.size;
  return length >= mark.prefix.min && length <= mark.prefix.max;
}

function lengthMarks(trace: EncodeTrace): LengthMark[] {
  return trace.marks.filter((m): m is LengthMark => m.kind === 'length');
}

function enumMarks(trace: EncodeTrace): EnumMark[] {
  return trace.marks.filter((m): m is EnumMark => m.kind === 'enum');
}

/**
 * Re-encodes the header at `mark` one size larger (non-minimal), fixing the
 * lengths of all enclosing vectors so that only this header is wrong.
 * Null when an enclosing header would change size.
 */
export function nonMinimalHeader(bytes: Uint8Array, trace: EncodeTrace, pick: number): Mutation | null {
  const candidates = lengthMarks(trace).filter((m) => m.prefix.kind === 'varint' && m.size < 4);
  const mark = candidates[pick % Math.max(1, candidates.length)];
  if (mark === undefined) return null;
  const newSize = mark.size * 2;
  const delta = newSize - mark.size;
  const parents = mark.parents.map((i) => trace.marks[i] as LengthMark);
  if (!parents.every((p) => fitsSameHeader(p, p.length + delta))) return null;
  const out = splice(bytes, mark.pos, mark.size, headerBytes(mark.prefix, mark.length, newSize));
  for (const p of parents) out.set(headerBytes(p.prefix, p.length + delta, p.size), p.pos);
  return { name: `non-minimal header at ${mark.pos}`, bytes: out, expect: { kind: 'refuse', code: 'non-minimal-length', offset: mark.pos } };
}

/** Rewrites one header in place with another length of the same header size. */
export function lyingLength(bytes: Uint8Array, trace: EncodeTrace, pick: number, lie: number): Mutation | null {
  const marks = lengthMarks(trace);
  const mark = marks[pick % Math.max(1, marks.length)];
  if (mark === undefined) return null;
  const capacity = mark.prefix.kind === 'varint' ? [63, 16383, 2 ** 30 - 1][Math.log2(mark.size)] ?? 63 : 2 ** (8 * mark.size) - 1;
  const floor = mark.prefix.kind === 'varint' ? [0, 64, 16384][Math.log2(mark.size)] ?? 0 : 0;
  const length = floor + (lie % (capacity - floor + 1));
  if (length === mark.length) return null;
  const out = bytes.slice();
  out.set(headerBytes(mark.prefix, length, mark.size), mark.pos);
  return { name: `length ${mark.length} -> ${length} at ${mark.pos}`, bytes: out, expect: { kind: 'either' } };
}

/** Replaces one header with the largest length its encoding allows. */
export function hugeLength(bytes: Uint8Array, trace: EncodeTrace, pick: number): Mutation | null {
  const marks = lengthMarks(trace);
  const mark = marks[pick % Math.max(1, marks.length)];
  if (mark === undefined) return null;
  const header = mark.prefix.kind === 'varint' ? Uint8Array.of(0xbf, 0xff, 0xff, 0xff) : new Uint8Array(mark.size).fill(0xff);
  if (mark.prefix.kind === 'range' && mark.length === 2 ** (8 * mark.size) - 1) return null;
  const out = splice(bytes, mark.pos, mark.size, header);
  return { name: `huge length at ${mark.pos}`, bytes: out, expect: { kind: 'refuse' } };
}

/** Writes a number outside the closed set over one enum. */
export function unknownEnum(bytes: Uint8Array, trace: EncodeTrace, pick: number, value: number): Mutation | null {
  const marks = enumMarks(trace);
  const mark = marks[pick % Math.max(1, marks.length)];
  if (mark === undefined) return null;
  const space = 2 ** (8 * mark.width);
  let number = value % space;
  for (let tries = 0; mark.allowed.has(number) && tries < space; tries++) number = (number + 1) % space;
  if (mark.allowed.has(number)) return null;
  const out = bytes.slice();
  for (let i = 0; i < mark.width; i++) out[mark.pos + mark.width - 1 - i] = Math.floor(number / 2 ** (8 * i)) & 0xff;
  return { name: `enum ${number} at ${mark.pos}`, bytes: out, expect: { kind: 'refuse', code: 'unknown-enum', offset: mark.pos } };
}

/** Flips one bit anywhere. */
export function bitFlip(bytes: Uint8Array, position: number, bit: number): Mutation | null {
  if (bytes.length === 0) return null;
  const out = bytes.slice();
  const at = position % bytes.length;
  out[at] = (out[at] ?? 0) ^ (1 << (bit % 8));
  return { name: `bit ${bit % 8} of byte ${at}`, bytes: out, expect: { kind: 'either' } };
}
