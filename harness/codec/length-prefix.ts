import { EncodeError } from './errors.js';
import { fail, need, type Reader } from './reader.js';
import { readVarint, varintSize, writeVarint } from './varint.js';
import type { Writer } from './writer.js';

/**
 * How a vector states its byte length: the MLS variable-length header
 * (`<V>`, RFC 9420 §2.1.2), or a fixed-width length for a declared range
 * `<min..max>` (RFC 8446 §3.4: the width is the fewest bytes that hold `max`).
 */
export type LengthPrefix =
  | { readonly kind: 'varint' }
  | { readonly kind: 'range'; readonly min: number; readonly max: number; readonly width: 1 | 2 | 3 | 4 };

/** The `<V>` prefix. @example const p = VARIABLE; */
export const VARIABLE: LengthPrefix = { kind: 'varint' };

/**
 * The prefix for `<min..max>`.
 *
 * @example
 * rangePrefix(0, 255) // width 1
 */
export function rangePrefix(min: number, max: number): LengthPrefix {
  if (!(Number.isInteger(min) && Number.isInteger(max) && min >= 0 && min <= max && max < 2 ** 32)) {
    throw new RangeError(`bad vector range <${min}..${max}>`);
  }
  const width = max < 2 ** 8 ? 1 : max < 2 ** 16 ? 2 : max < 2 ** 24 ? 3 : 4;
  return { kind: 'range', min, max, width };
}

/** `<V>` or `<min..max>`. @example describePrefix(VARIABLE) // '<V>' */
export function describePrefix(p: LengthPrefix): string {
  return p.kind === 'varint' ? '<V>' : `<${p.min}..${p.max}>`;
}

/** Header size for a content of `length` bytes. @example prefixSize(VARIABLE, 64) // 2 */
export function prefixSize(p: LengthPrefix, length: number, path = ''): number {
  if (p.kind === 'varint') return varintSize(length, path);
  if (length < p.min || length > p.max) {
    throw new EncodeError(path, `length ${length} outside ${describePrefix(p)}`);
  }
  return p.width;
}

/** Writes the header. @example writePrefix(w, VARIABLE, 3) */
export function writePrefix(w: Writer, p: LengthPrefix, length: number, path = ''): void {
  if (p.kind === 'varint') {
    writeVarint(w, length, path);
    return;
  }
  prefixSize(p, length, path);
  for (let i = p.width - 1; i >= 0; i--) w.bytes[w.pos++] = Math.floor(length / 2 ** (8 * i)) & 0xff;
}

/**
 * Reads a header and checks, before anything is allocated, that the length
 * is within the declared range, within the input, and within the limits.
 *
 * @example
 * const length = readPrefix(r, VARIABLE);
 */
export function readPrefix(r: Reader, p: LengthPrefix): number {
  const start = r.pos;
  let length: number;
  if (p.kind === 'varint') {
    length = readVarint(r);
  } else {
    need(r, p.width, `${p.width}-byte length of ${describePrefix(p)}`);
    length = 0;
    for (let i = 0; i < p.width; i++) length = length * 256 + (r.bytes[r.pos + i] ?? 0);
    r.pos += p.width;
    if (length > p.max) fail(r, 'too-large', `length ${length} above the declared maximum ${p.max}`, start);
    if (length < p.min) fail(r, 'invalid-value', `length ${length} below the declared minimum ${p.min}`, start);
  }
  if (length > r.end - r.pos) {
    fail(r, 'length-exceeds-input', `length ${length} but only ${r.end - r.pos} bytes remain`, start);
  }
  if (length > r.limits.maxVectorBytes) {
    fail(r, 'too-large', `length ${length} above the limit of ${r.limits.maxVectorBytes}`, start);
  }
  return length;
}
