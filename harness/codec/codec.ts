import type * as fc from 'fast-check';
import type { EncodeTrace } from './encode-trace.js';
import { DecodeError, EncodeError } from './errors.js';
import type { Json } from './json.js';
import { DEFAULT_LIMITS, type DecodeLimits } from './limits.js';
import { createReader, fail, type Reader } from './reader.js';
import { createWriter, type Writer } from './writer.js';

/**
 * A codec for one type of the TLS presentation language (RFC 8446 §3) with
 * the MLS variable-length vectors of RFC 9420 §2.1.2.
 *
 * Encoding computes `size` first, then `write`s into a buffer allocated once.
 * `read` is strict and fails only with {@link DecodeError}. `toJson` /
 * `fromJson` give the JSON form used by the CLI and the vectors, and
 * `arbitrary` generates valid values for property tests.
 */
export interface Codec<T> {
  /** Presentation-language description, e.g. `uint16` or `opaque<V>`. */
  readonly describe: string;
  size(value: T): number;
  /** `path` names the value in EncodeErrors. */
  write(value: T, w: Writer, path: string): void;
  read(r: Reader): T;
  toJson(value: T): Json;
  fromJson(json: unknown, path: string): T;
  arbitrary(): fc.Arbitrary<T>;
}

/** The value type a codec reads and writes. */
export type ValueOf<C> = C extends Codec<infer T> ? T : never;

/**
 * Encodes `value`, computing the size first and writing once.
 *
 * @example
 * encode(uint16, 0x0102) // Uint8Array [1, 2]
 */
export function encode<T>(codec: Codec<T>, value: T, rootName = ''): Uint8Array {
  return encodeTraced(codec, value, rootName).bytes;
}

/**
 * Encodes `value` and records where each length header and enum was written
 * (for mutation tests).
 *
 * @example
 * const { bytes, trace } = encodeTraced(dsRequest, value, 'DSRequest', createTrace());
 */
export function encodeTraced<T>(codec: Codec<T>, value: T, rootName = '', trace?: EncodeTrace): { bytes: Uint8Array; trace: EncodeTrace | undefined } {
  const w = createWriter(codec.size(value), trace);
  codec.write(value, w, rootName);
  if (w.pos !== w.bytes.length) {
    throw new EncodeError(rootName, `encoder wrote ${w.pos} bytes but sized ${w.bytes.length}`);
  }
  return { bytes: w.bytes, trace };
}

/** Options for {@link decode}. */
export interface DecodeOptions {
  readonly limits?: Partial<DecodeLimits>;
  /** Name of the root in error paths, e.g. `DSRequest`. */
  readonly rootName?: string;
}

/**
 * Decodes exactly one value from `bytes`; trailing bytes are refused.
 * Throws only DecodeError, whatever the input.
 *
 * @example
 * decode(uint16, Uint8Array.of(1, 2)) // 258
 */
export function decode<T>(codec: Codec<T>, bytes: Uint8Array, options: DecodeOptions = {}): T {
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const r = createReader(bytes, limits, options.rootName ? [options.rootName] : []);
  if (bytes.length > limits.maxTotalBytes) {
    fail(r, 'too-large', `input of ${bytes.length} bytes exceeds the limit of ${limits.maxTotalBytes}`, 0);
  }
  let value: T;
  try {
    value = codec.read(r);
  } catch (error) {
    if (error instanceof DecodeError) throw error;
    // A decoder bug must still surface as the one error type, never a crash.
    fail(r, 'invalid-value', `decoder failed unexpectedly: ${String(error)}`);
  }
  if (r.pos !== bytes.length) fail(r, 'trailing-bytes', `${bytes.length - r.pos} bytes after the value`);
  return value;
}

/** Result of {@link tryDecode}. */
export type DecodeResult<T> = { ok: true; value: T } | { ok: false; error: DecodeError };

/**
 * Like {@link decode}, but returns the error instead of throwing it.
 *
 * @example
 * const result = tryDecode(uint16, bytes);
 * if (!result.ok) console.log(result.error.code);
 */
export function tryDecode<T>(codec: Codec<T>, bytes: Uint8Array, options: DecodeOptions = {}): DecodeResult<T> {
  try {
    return { ok: true, value: decode(codec, bytes, options) };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, error };
    throw error;
  }
}
