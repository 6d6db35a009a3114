import * as fc from 'fast-check';
import {
  createTrace,
  decode,
  DecodeError,
  encode,
  encodeTraced,
  hugeLength,
  nonMinimalHeader,
  toHex,
  unknownEnum,
  type Codec,
  type DecodeErrorCode,
  type EncodeTrace,
  type Json,
  type Mutation,
} from '../codec/index.js';
import { REGISTRY, type RegistryEntry } from './registry.js';

/** The seed the bundled vectors in fixtures/vectors were generated from. */
export const VECTOR_SEED = 20261201;

/** A valid encoding and its decoded value (JSON form). */
export interface PositiveVector {
  readonly name: string;
  readonly hex: string;
  readonly value: Json;
}

/** An invalid encoding and the error a strict decoder must give. */
export interface NegativeVector {
  readonly name: string;
  readonly hex: string;
  readonly error: { readonly code: DecodeErrorCode; readonly offset: number; readonly path: string };
}

/** All vectors of one struct, as written to `fixtures/vectors/<struct>.json`. */
export interface StructVectors {
  readonly struct: string;
  readonly reference: string;
  readonly seed: number;
  readonly positive: readonly PositiveVector[];
  readonly negative: readonly NegativeVector[];
}

type MutationMaker = (bytes: Uint8Array, trace: EncodeTrace) => Mutation | null;

const NEGATIVE_KINDS: readonly (readonly [string, MutationMaker])[] = [
  ['truncated', (bytes) => (bytes.length === 0 ? null : { name: 'last byte cut', bytes: bytes.subarray(0, bytes.length - 1), expect: { kind: 'refuse' } })],
  ['trailing-byte', (bytes) => ({ name: 'one byte appended', bytes: Uint8Array.from([...bytes, 0]), expect: { kind: 'refuse', code: 'trailing-bytes', offset: bytes.length } })],
  ['non-minimal-header', (bytes, trace) => nonMinimalHeader(bytes, trace, 0)],
  ['unknown-enum', (bytes, trace) => unknownEnum(bytes, trace, 0, 0xfe)],
  ['huge-length', (bytes, trace) => hugeLength(bytes, trace, 0)],
];

function refusal(codec: Codec<unknown>, struct: string, mutation: Mutation): NegativeVector['error'] {
  try {
    decode(codec, mutation.bytes, { rootName: struct });
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    const expected = mutation.expect;
    if (expected.kind === 'refuse' && ((expected.code !== undefined && expected.code !== error.code) || (expected.offset !== undefined && expected.offset !== error.offset))) {
      throw new Error(`${struct} ${mutation.name}: expected ${expected.code ?? '?'} at ${expected.offset ?? '?'}, got ${error.code} at ${error.offset}`, { cause: error });
    }
    return { code: error.code, offset: error.offset, path: error.path };
  }
  throw new Error(`${struct} ${mutation.name}: a negative vector was accepted`);
}

function vectorsOf(entry: RegistryEntry, seed: number, count: number): StructVectors {
  const { name, codec } = entry;
  const values = fc.sample(codec.arbitrary(), { seed, numRuns: count });
  const encodings = values.map((value) => encodeTraced(codec, value, name, createTrace()));
  const positive = encodings.map(({ bytes }, i) => ({ name: `${name} #${i}`, hex: toHex(bytes), value: codec.toJson(decode(codec, bytes)) }));
  const negative: NegativeVector[] = [];
  for (const [kind, make] of NEGATIVE_KINDS) {
    for (const { bytes, trace } of encodings) {
      const mutation = trace === undefined ? null : make(bytes, trace);
      if (mutation === null) continue;
      negative.push({ name: `${name} ${kind}: ${mutation.name}`, hex: toHex(mutation.bytes), error: refusal(codec, name, mutation) });
      break;
    }
  }
  return { struct: name, reference: entry.reference, seed, positive, negative };
}

/**
 * Deterministic vectors for every registry struct: `count` valid encodings
 * each, and one negative vector per mutation kind that applies (truncated,
 * trailing byte, non-minimal header, unknown enum, huge length), with the
 * error our decoder gives. Same seed, same vectors, byte for byte.
 *
 * @example
 * const all = generateVectors(); // what `mimi-harness vectors` writes
 */
export function generateVectors(seed = VECTOR_SEED, count = 3): StructVectors[] {
  return REGISTRY.map((entry, index) => vectorsOf(entry, seed + index, count));
}

/**
 * Checks one positive vector: it decodes and re-encodes to the same bytes,
 * and its JSON matches. Returns a reason on failure.
 *
 * @example
 * const problem = checkPositive(registryEntry('DSRequest')!, vector);
 */
export function checkPositive(entry: RegistryEntry, vector: PositiveVector, bytes: Uint8Array): string | undefined {
  try {
    const value = decode(entry.codec, bytes, { rootName: entry.name });
    if (toHex(encode(entry.codec, value)) !== vector.hex) return 're-encoding differs';
    if (JSON.stringify(entry.codec.toJson(value)) !== JSON.stringify(vector.value)) return 'decoded value differs from the vector';
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Checks one negative vector: it is refused with the expected code and offset.
 *
 * @example
 * const problem = checkNegative(registryEntry('DSRequest')!, vector, bytes);
 */
export function checkNegative(entry: RegistryEntry, vector: NegativeVector, bytes: Uint8Array): string | undefined {
  try {
    decode(entry.codec, bytes, { rootName: entry.name });
    return 'accepted';
  } catch (error) {
    if (!(error instanceof DecodeError)) return `threw ${String(error)}`;
    if (error.code !== vector.error.code || error.offset !== vector.error.offset) {
      return `refused with ${error.code} at ${error.offset}, expected ${vector.error.code} at ${vector.error.offset}`;
    }
    return undefined;
  }
}
