/**
 * What the profile says about an input: the harness's own strict decoder
 * (docs/PROFILE.md) is the judge every target is compared against.
 */
import { DecodeError, decode, encode, type Codec, type DecodeErrorCode } from '../codec/index.js';
import { hexOf } from './hex.js';
import { BAD_LINE, parseRequestLine, UNSUPPORTED_STRUCT, type Answer } from './protocol.js';
import { protocolCodec } from './structs.js';

/** The profile's verdict on one input: accepted (with the value), or refused with a DecodeError's code, offset and path. */
export type ProfileVerdict =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly code: DecodeErrorCode; readonly offset: number; readonly path: string };

/**
 * Decodes `bytes` strictly as `struct`.
 *
 * @example
 * profileVerdict(dsError, 'DSError', Uint8Array.of(0, 4, 0)) // { ok: true, value: {...} }
 */
export function profileVerdict(codec: Codec<unknown>, struct: string, bytes: Uint8Array): ProfileVerdict {
  return withoutStacks(() => {
    try {
      return { ok: true, value: decode(codec, bytes, { rootName: struct }) };
    } catch (error) {
      if (error instanceof DecodeError) return { ok: false, code: error.code, offset: error.offset, path: error.path };
      throw error;
    }
  });
}

/**
 * Runs `body` (synchronous) with V8's stack capture off. Most fuzz inputs
 * are refused, and capturing the stack of each DecodeError cost an eighth
 * of a run (measured: bench/fuzz.bench.ts); the fuzzer never reads it. The
 * setting is restored before anything else can run.
 *
 * @example
 * const verdict = withoutStacks(() => tryDecode(codec, bytes));
 */
export function withoutStacks<T>(body: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return body();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * The harness's own answer to one protocol line (what `mimi-harness decode
 * --stdin` prints without a struct name): the re-encoding of the decoded
 * value, the DecodeError's code, `unsupported-struct` or `bad-line`.
 *
 * @example
 * ownAnswer('varint 25') // { ok: true, hex: '25' }
 * ownAnswer('varint 4025') // { ok: false, code: 'non-minimal-length' }
 */
export function ownAnswer(line: string): Answer {
  const request = parseRequestLine(line);
  if (request === undefined) return { ok: false, code: BAD_LINE };
  const codec = protocolCodec(request.struct);
  if (codec === undefined) return { ok: false, code: UNSUPPORTED_STRUCT };
  const verdict = profileVerdict(codec, request.struct, request.bytes);
  return verdict.ok ? { ok: true, hex: hexOf(encode(codec, verdict.value, request.struct)) } : { ok: false, code: verdict.code };
}
