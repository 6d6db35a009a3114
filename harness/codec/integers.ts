import * as fc from 'fast-check';
import type { Codec } from './codec.js';
import { EncodeError, JsonShapeError } from './errors.js';
import { need } from './reader.js';

function fixedUint(bytes: 1 | 2 | 4): Codec<number> {
  const max = 2 ** (8 * bytes) - 1;
  const describe = `uint${8 * bytes}`;
  return {
    describe,
    size: () => bytes,
    write(value, w, path) {
      if (!Number.isInteger(value) || value < 0 || value > max) {
        throw new EncodeError(path, `${value} is not a ${describe}`);
      }
      if (bytes === 1) w.view.setUint8(w.pos, value);
      else if (bytes === 2) w.view.setUint16(w.pos, value);
      else w.view.setUint32(w.pos, value);
      w.pos += bytes;
    },
    read(r) {
      need(r, bytes, describe);
      let value = 0;
      for (let i = 0; i < bytes; i++) value = value * 256 + (r.bytes[r.pos + i] ?? 0);
      r.pos += bytes;
      return value;
    },
    toJson: (value) => value,
    fromJson(json, path) {
      if (typeof json !== 'number' || !Number.isInteger(json) || json < 0 || json > max) {
        throw new JsonShapeError(path, `expected an integer 0..${max}`);
      }
      return json;
    },
    arbitrary: () => fc.integer({ min: 0, max }),
  };
}

/**
 * Big-endian unsigned integers (RFC 8446 §3.3).
 *
 * @example
 * encode(uint16, 258) // Uint8Array [1, 2]
 */
export const uint8: Codec<number> = fixedUint(1);
/** @example encode(uint16, 258) // [1, 2] */
export const uint16: Codec<number> = fixedUint(2);
/** @example encode(uint32, 1) // [0, 0, 0, 1] */
export const uint32: Codec<number> = fixedUint(4);

const UINT64_MAX = (1n << 64n) - 1n;

/**
 * uint64 as bigint; JSON form is a decimal string (JSON numbers lose precision).
 *
 * @example
 * encode(uint64, 1n) // [0, 0, 0, 0, 0, 0, 0, 1]
 */
export const uint64: Codec<bigint> = {
  describe: 'uint64',
  size: () => 8,
  write(value, w, path) {
    if (typeof value !== 'bigint' || value < 0n || value > UINT64_MAX) {
      throw new EncodeError(path, `${String(value)} is not a uint64`);
    }
    w.view.setBigUint64(w.pos, value);
    w.pos += 8;
  },
  read(r) {
    need(r, 8, 'uint64');
    const value = new DataView(r.bytes.buffer, r.bytes.byteOffset + r.pos, 8).getBigUint64(0);
    r.pos += 8;
    return value;
  },
  toJson: (value) => value.toString(),
  fromJson(json, path) {
    if (typeof json !== 'string' || !/^(0|[1-9][0-9]*)$/.test(json) || BigInt(json) > UINT64_MAX) {
      throw new JsonShapeError(path, 'expected a uint64 as a decimal string');
    }
    return BigInt(json);
  },
  arbitrary: () => fc.bigInt({ min: 0n, max: UINT64_MAX }),
};
