import { expect } from 'vitest';
import { DecodeError, decode, encode, type Codec } from '../../harness/codec/index.js';
import type { Mutation } from '../../harness/codec/index.js';

/** Runs of each codec law per struct: at least 1,000; more with MIMI_FUZZ_RUNS. */
export const LAW_RUNS = Math.max(1000, Number(process.env.MIMI_FUZZ_RUNS ?? 0));

/**
 * Decodes and classifies: anything but a DecodeError escaping is a failure
 * of the law, so it is rethrown.
 */
export function attempt(codec: Codec<unknown>, bytes: Uint8Array, rootName: string): { ok: true; value: unknown } | { ok: false; error: DecodeError } {
  try {
    return { ok: true, value: decode(codec, bytes, { rootName }) };
  } catch (error) {
    if (error instanceof DecodeError) return { ok: false, error };
    throw new Error(`decoder threw something other than DecodeError: ${String(error)}`, { cause: error });
  }
}

/** Asserts what a strict decoder must do with a mutated encoding. */
export function checkMutation(codec: Codec<unknown>, mutation: Mutation, rootName: string): void {
  const result = attempt(codec, mutation.bytes, rootName);
  const { expect: expected } = mutation;
  if (expected.kind === 'refuse') {
    expect(result.ok, `${mutation.name} must be refused`).toBe(false);
    if (result.ok) return;
    if (expected.code !== undefined) expect(result.error.code, mutation.name).toBe(expected.code);
    if (expected.offset !== undefined) expect(result.error.offset, mutation.name).toBe(expected.offset);
    return;
  }
  if (result.ok && !Buffer.from(encode(codec, result.value)).equals(Buffer.from(mutation.bytes))) {
    expect(encode(codec, result.value), `${mutation.name} was accepted, so it must re-encode exactly`).toEqual(mutation.bytes);
  }
}

/**
 * Structural equality that is fast on large byte arrays and compares
 * embedded MLS values by their bytes (their decoded view is a function of
 * them). Falls back to vitest's diff only when the values differ.
 */
export function expectSameValue(actual: unknown, expected: unknown): void {
  if (!sameValue(actual, expected)) expect(actual).toEqual(expected);
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a instanceof Uint8Array || b instanceof Uint8Array) {
    return a instanceof Uint8Array && b instanceof Uint8Array && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));
  }
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const ra = a as Record<string, unknown>;
  const rb = b as Record<string, unknown>;
  if ('bytes' in ra && 'value' in ra && ra.bytes instanceof Uint8Array) return sameValue(ra.bytes, rb.bytes);
  const keys = Object.keys(ra);
  if (keys.length !== Object.keys(rb).length) return false;
  return keys.every((key) => key in rb && sameValue(ra[key], rb[key]));
}
