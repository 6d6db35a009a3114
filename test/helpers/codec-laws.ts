import { fc, test } from '@fast-check/vitest';
import { describe } from 'vitest';
import { createTrace, decode, encode, encodeTraced, type Codec } from '../../harness/codec/index.js';
import { REGISTRY } from '../../harness/messages/index.js';
import { attempt, checkMutation, expectSameValue, LAW_RUNS } from './laws.js';
import { bitFlip, hugeLength, lyingLength, nonMinimalHeader, unknownEnum, type Mutation } from '../../harness/codec/index.js';

const options = { numRuns: LAW_RUNS };

/**
 * The codec laws for one shard of the registry: every `shards`-th struct from
 * `shard` on. The laws run in several files so that vitest spreads them over
 * the cores (one file of all 51 structs was the suite's critical path).
 *
 * @example
 * defineCodecLaws(0, 2); // in codec-laws-0.test.ts
 */
export function defineCodecLaws(shard: number, shards: number): void {
  const entries = REGISTRY.filter((_, i) => i % shards === shard);
  describe.each(entries.map((entry) => [entry.name, entry] as const))('codec laws: %s', (name, { codec }) => {
    // One drawn value per run for the three laws over valid values: drawing the value (large MLS structs) cost as much
    // as the laws themselves, three times over when each law drew its own.
    test.prop([codec.arbitrary(), fc.nat(), fc.uint8Array({ minLength: 1, maxLength: 3 }), fc.constantFrom('non-minimal', 'lying', 'huge', 'enum', 'flip'), fc.nat(), fc.nat()], options)(
      'decode(encode(x)) = x from any buffer offset and encoding is canonical; truncations and trailing bytes are refused; mutated encodings are refused with DecodeError or re-encode exactly, non-minimal headers and unknown enums refused where they are',
      (value, cut, extra, kind, pick, amount) => {
        roundTrip(codec, name, value);
        truncationsAndTrailing(codec, name, value, cut, extra);
        mutated(codec, name, value, kind, pick, amount);
      },
    );

    test.prop([fc.uint8Array({ maxLength: 96 })], options)('arbitrary bytes give DecodeError or a value that re-encodes exactly', (bytes) => {
      const result = attempt(codec, bytes, name);
      if (result.ok) expectSameValue(encode(codec, result.value), bytes);
    });
  });
}

type MutationKind = 'non-minimal' | 'lying' | 'huge' | 'enum' | 'flip';

/** decode(encode(x)) = x, from any buffer offset; encoding is canonical; JSON is a faithful third representation. */
function roundTrip(codec: Codec<unknown>, name: string, value: unknown): void {
  const bytes = encode(codec, value);
  const decoded = decode(codec, bytes, { rootName: name });
  expectSameValue(decoded, value);
  expectSameValue(encode(codec, decoded), bytes);
  // A second decode path: the same bytes inside a larger buffer.
  const padded = new Uint8Array(bytes.length + 7);
  padded.set(bytes, 3);
  expectSameValue(decode(codec, padded.subarray(3, 3 + bytes.length)), decoded);
  expectSameValue(encode(codec, codec.fromJson(JSON.parse(JSON.stringify(codec.toJson(decoded))), name)), bytes);
}

/** Every truncation is refused, and trailing bytes are refused with trailing-bytes at the end of the value. */
function truncationsAndTrailing(codec: Codec<unknown>, name: string, value: unknown, cut: number, extra: Uint8Array): void {
  const bytes = encode(codec, value);
  if (bytes.length > 0) {
    const truncated = bytes.subarray(0, cut % bytes.length);
    checkMutation(codec, { name: `truncated to ${truncated.length}`, bytes: truncated, expect: { kind: 'refuse' } }, name);
  }
  const longer = new Uint8Array(bytes.length + extra.length);
  longer.set(bytes);
  longer.set(extra, bytes.length);
  checkMutation(codec, { name: 'trailing bytes', bytes: longer, expect: { kind: 'refuse', code: 'trailing-bytes', offset: bytes.length } }, name);
}

/** A structure-aware mutation of the encoding (harness/codec/mutate.ts) is refused or re-encodes exactly. */
function mutated(codec: Codec<unknown>, name: string, value: unknown, kind: MutationKind, pick: number, amount: number): void {
  const { bytes, trace } = encodeTraced(codec, value, name, createTrace());
  if (trace === undefined) throw new Error('no trace');
  const mutation: Mutation | null =
    kind === 'non-minimal'
      ? nonMinimalHeader(bytes, trace, pick)
      : kind === 'lying'
        ? lyingLength(bytes, trace, pick, amount)
        : kind === 'huge'
          ? hugeLength(bytes, trace, pick)
          : kind === 'enum'
            ? unknownEnum(bytes, trace, pick, amount)
            : bitFlip(bytes, pick, amount);
  if (mutation !== null) checkMutation(codec, mutation, name);
}
