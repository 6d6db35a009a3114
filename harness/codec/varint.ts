import * as fc from 'fast-check';
import type { Codec } from './codec.js';
import { EncodeError, JsonShapeError } from './errors.js';
import { fail, need, type Reader } from './reader.js';
import type { Writer } from './writer.js';

/** Largest length an MLS variable-length header can carry: 2^30 - 1 (RFC 9420 §2.1.2). */
export const VARINT_MAX = 2 ** 30 - 1;

/**
 * Size of the minimal header for `length`: 1 byte below 64, 2 below 16384,
 * else 4 (RFC 9420 §2.1.2).
 *
 * @example
 * varintSize(63) // 1
 */
export function varintSize(length: number, path = ''): 1 | 2 | 4 {
  if (!Number.isInteger(length) || length < 0 || length > VARINT_MAX) {
    throw new EncodeError(path, `length ${length} does not fit an MLS variable-length header (max 2^30-1)`);
  }
  return length < 64 ? 1 : length < 16384 ? 2 : 4;
}

/**
 * Writes the minimal header for `length`.
 *
 * @example
 * writeVarint(w, 37) // writes 0x25
 */
export function writeVarint(w: Writer, length: number, path = ''): void {
  const size = varintSize(length, path);
  if (size === 1) w.view.setUint8(w.pos, length);
  else if (size === 2) w.view.setUint16(w.pos, 0x4000 | length);
  else w.view.setUint32(w.pos, (0x80000000 | length) >>> 0);
  w.pos += size;
}

/**
 * Reads a header, refusing the reserved prefix 0b11 and non-minimal forms
 * (RFC 9420 §2.1.2: "the length MUST be encoded in the smallest number of bytes").
 *
 * @example
 * readVarint(createReader(Uint8Array.of(0x7b, 0xbd), DEFAULT_LIMITS)) // 15293
 */
export function readVarint(r: Reader): number {
  const start = r.pos;
  need(r, 1, 'variable-length header');
  const first = r.bytes[start] ?? 0;
  const prefix = first >> 6;
  if (prefix === 3) fail(r, 'invalid-length-prefix', `header byte 0x${first.toString(16)} has the reserved prefix 0b11`);
  const size = 1 << prefix;
  need(r, size, `${size}-byte variable-length header`);
  let value = first & 0x3f;
  for (let i = 1; i < size; i++) value = value * 256 + (r.bytes[start + i] ?? 0);
  const minimal = value < 64 ? 1 : value < 16384 ? 2 : 4;
  if (minimal !== size) fail(r, 'non-minimal-length', `length ${value} encoded in ${size} bytes, minimal is ${minimal}`);
  r.pos += size;
  return value;
}

/**
 * The header on its own, as a codec (`mimi-harness decode varint 7bbd`).
 *
 * @example
 * decode(varint, Uint8Array.of(0x25)) // 37
 */
export const varint: Codec<number> = {
  describe: 'varint',
  size: (value) => varintSize(value),
  write: (value, w, path) => {
    writeVarint(w, value, path);
  },
  read: readVarint,
  toJson: (value) => value,
  fromJson(json, path) {
    if (typeof json !== 'number' || !Number.isInteger(json) || json < 0 || json > VARINT_MAX) {
      throw new JsonShapeError(path, `expected an integer 0..${VARINT_MAX}`);
    }
    return json;
  },
  arbitrary: () =>
    fc.oneof(
      fc.integer({ min: 0, max: 63 }),
      fc.integer({ min: 64, max: 16383 }),
      fc.integer({ min: 16384, max: VARINT_MAX }),
      fc.constantFrom(0, 63, 64, 16383, 16384, VARINT_MAX),
    ),
};
