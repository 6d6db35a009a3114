import * as fc from 'fast-check';
import type { Decoder, Encoder } from 'ts-mls';
import type { Codec } from '../codec.js';
import { EncodeError, JsonShapeError } from '../errors.js';
import { expectObject, fromHex, toHex } from '../json.js';
import { fail, type Reader } from '../reader.js';
import { put } from '../writer.js';
import { plainJson } from './plain-json.js';

/**
 * An MLS value inside a MIMI struct: the value as ts-mls decoded it, and the
 * exact bytes it came from. Encoding writes `bytes`, so re-encoding is
 * byte-exact whatever ts-mls would produce.
 */
export interface Embedded<T> {
  readonly bytes: Uint8Array;
  readonly value: T;
}

/** The MLS struct an embedded codec reads, with ts-mls's functions for it. */
export interface MlsStruct<T> {
  readonly name: string;
  readonly decode: Decoder<T>;
  readonly encode: Encoder<T>;
  /** Further checks of a decoded value; a reason when refused. */
  readonly check?: (value: T) => string | undefined;
  /** Valid encodings to generate values from. */
  readonly samples: () => readonly Uint8Array[];
}

function describeThrow(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/**
 * Parses one MLS value at the current position with ts-mls, strictly: the
 * decoder must succeed inside the current region, re-encoding must give the
 * same bytes (ts-mls alone accepts non-minimal lengths and presence bytes
 * other than 0/1), and `check` must pass. Any ts-mls failure, returned or
 * thrown, becomes `invalid-value` at the value's offset.
 *
 * @example
 * const { value, bytes } = readMls(r, keyPackageStruct);
 */
export function readMls<T>(r: Reader, struct: MlsStruct<T>): Embedded<T> {
  const start = r.pos;
  const available = r.bytes.subarray(start, r.end);
  let result: [T, number] | undefined;
  try {
    result = struct.decode(available, 0);
  } catch (error) {
    fail(r, 'invalid-value', `${struct.name} refused by ts-mls (${describeThrow(error)})`, start);
  }
  if (result === undefined) fail(r, 'invalid-value', `${struct.name} could not be decoded`, start);
  const [value, consumed] = result;
  if (consumed <= 0 || consumed > available.length) fail(r, 'invalid-value', `${struct.name} decoder consumed ${consumed} bytes`, start);
  const bytes = available.slice(0, consumed);
  let again: Uint8Array;
  try {
    again = struct.encode(value);
  } catch (error) {
    fail(r, 'invalid-value', `${struct.name} cannot be re-encoded (${describeThrow(error)})`, start);
  }
  if (!sameBytes(again, bytes)) fail(r, 'invalid-value', `${struct.name} is not canonically encoded (non-minimal length or bad presence byte)`, start);
  const problem = struct.check?.(value);
  if (problem !== undefined) fail(r, 'invalid-value', `${struct.name}: ${problem}`, start);
  r.pos = start + consumed;
  return { bytes, value };
}

/** Byte equality in a plain loop: a callback per byte (`every`) was a fifth of decoding a 100-Welcome add_users (docs/BENCHMARKS.md). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Parses `bytes` as one whole MLS value, or throws the reason.
 * Used for JSON input and for the samples.
 */
function parseWhole<T>(struct: MlsStruct<T>, bytes: Uint8Array): Embedded<T> {
  const reader: Reader = { bytes, pos: 0, end: bytes.length, path: [], depth: 0, limits: { maxTotalBytes: bytes.length, maxVectorBytes: bytes.length, maxVectorElements: 1 << 20, maxDepth: 64 } };
  const embedded = readMls(reader, struct);
  if (reader.pos !== bytes.length) throw new Error(`${bytes.length - reader.pos} trailing bytes after ${struct.name}`);
  return embedded;
}

/**
 * A codec for an MLS value embedded in a MIMI struct, decoded by ts-mls
 * (see {@link readMls}). JSON form: `{ "hex": ..., "value": ... }`, where
 * `value` is a readable view and only `hex` is read back.
 *
 * @example
 * const keyPackage = embeddedMls({ name: 'KeyPackage', decode: decodeKeyPackage, encode: encodeKeyPackage, samples });
 */
export function embeddedMls<T>(struct: MlsStruct<T>): Codec<Embedded<T>> {
  let pool: Embedded<T>[] | undefined;
  return {
    describe: struct.name,
    size: (embedded) => embedded.bytes.length,
    write(embedded, w, path) {
      if (!(embedded.bytes instanceof Uint8Array)) throw new EncodeError(path, `${struct.name} without its bytes`);
      put(w, embedded.bytes);
    },
    read: (r) => readMls(r, struct),
    toJson: (embedded) => ({ hex: toHex(embedded.bytes), value: plainJson(embedded.value) }),
    fromJson(json, path) {
      const object = expectObject(json, path);
      if (typeof object.hex !== 'string') throw new JsonShapeError(`${path}.hex`, `expected the ${struct.name} as a hex string`);
      try {
        return parseWhole(struct, fromHex(object.hex, `${path}.hex`));
      } catch (error) {
        throw new JsonShapeError(`${path}.hex`, `not a valid ${struct.name}: ${describeThrow(error)}`);
      }
    },
    arbitrary() {
      pool ??= struct.samples().map((bytes) => parseWhole(struct, bytes));
      return fc.constantFrom(...pool);
    },
  };
}
