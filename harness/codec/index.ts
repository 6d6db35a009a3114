/**
 * The TLS presentation language (RFC 8446 §3) with the MLS variable-length
 * vectors of RFC 9420 §2.1.2, as small strict codecs.
 *
 * @example
 * import { decode, encode, struct, uint16, opaqueV } from 'mimi-transport-harness/codec';
 * const demo = struct('Demo', { version: uint16, data: opaqueV });
 * decode(demo, encode(demo, { version: 1, data: new Uint8Array(3) }));
 */
export { decode, encode, encodeTraced, tryDecode, type Codec, type DecodeOptions, type DecodeResult, type ValueOf } from './codec.js';
export { createTrace, type EncodeTrace, type EnumMark, type LengthMark } from './encode-trace.js';
export { DecodeError, DecodeErrorCode, EncodeError, JsonShapeError } from './errors.js';
export { enumeration, literal } from './enumeration.js';
export { uint16, uint32, uint64, uint8 } from './integers.js';
export { fromHex, toHex, type Json } from './json.js';
export { describePrefix, rangePrefix, readPrefix, VARIABLE, type LengthPrefix } from './length-prefix.js';
export { DEFAULT_LIMITS, type DecodeLimits } from './limits.js';
export { opaqueFixed, opaqueRange, opaqueV } from './opaque.js';
export { optional } from './optional.js';
export { childPath, formatPath } from './path.js';
export { createReader, fail, need, region, take, within, type Reader } from './reader.js';
export { refine } from './refine.js';
export { select, type SelectValue } from './select.js';
export { struct, type Fields, type Simplify, type StructValue } from './struct.js';
export { text, type TextRule } from './text.js';
export { readVarint, varint, VARINT_MAX, varintSize, writeVarint } from './varint.js';
export { vectorRange, vectorV, type VectorArbitraryOptions } from './vector.js';
export { createWriter, put, type Writer } from './writer.js';
export * from './mls/index.js';
export { bitFlip, headerBytes, hugeLength, lyingLength, nonMinimalHeader, splice, unknownEnum, type Mutation } from './mutate.js';
