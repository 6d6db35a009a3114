import { expect } from 'vitest';
import { DecodeError, decode, type Codec, type DecodeErrorCode, type DecodeOptions } from '../../harness/codec/index.js';

/** What a refusal must look like; `path` and `offset` are optional. */
export interface ExpectedRefusal {
  readonly code: DecodeErrorCode;
  readonly offset?: number;
  readonly path?: string;
}

/**
 * Asserts that decoding `bytes` throws a DecodeError with the expected
 * fields, and returns it.
 */
export function expectRefusal<T>(codec: Codec<T>, bytes: Uint8Array, expected: ExpectedRefusal, options?: DecodeOptions): DecodeError {
  let caught: unknown;
  try {
    decode(codec, bytes, options);
  } catch (error) {
    caught = error;
  }
  expect(caught, 'decoding should have been refused').toBeInstanceOf(DecodeError);
  const error = caught as DecodeError;
  expect(error.code).toBe(expected.code);
  if (expected.offset !== undefined) expect(error.offset).toBe(expected.offset);
  if (expected.path !== undefined) expect(error.path).toBe(expected.path);
  return error;
}

/** Bytes from hex, for readable test inputs. */
export function hex(text: string): Uint8Array {
  const clean = text.replace(/\s+/g, '');
  return Uint8Array.from(clean.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}
