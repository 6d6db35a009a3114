import { describe, expect, it } from 'vitest';
import { decode, encode, enumeration, opaqueRange, opaqueV, optional, select, struct, uint16, uint32, uint64, uint8, vectorRange, vectorV } from '../../harness/codec/index.js';
import { expectRefusal, hex } from '../helpers/decode-error.js';

const pair = struct('Pair', { first: opaqueV, second: opaqueV });
const kind = enumeration('Kind', uint8, { a: 0, b: 1, c: 5 });
const shape = select('Shape', 'kind', kind, { a: {}, b: { size: uint16 }, c: { items: vectorV(uint8) } });

describe('integers (RFC 8446 §3.3)', () => {
  it('are big-endian', () => {
    expect(encode(uint16, 0x0102)).toEqual(hex('0102'));
    expect(encode(uint32, 0x01020304)).toEqual(hex('01020304'));
    expect(encode(uint64, 0x0102030405060708n)).toEqual(hex('0102030405060708'));
    expect(decode(uint64, hex('ffffffffffffffff'))).toBe(2n ** 64n - 1n);
  });

  it('refuse truncation and values out of range', () => {
    expectRefusal(uint32, hex('010203'), { code: 'truncated', offset: 0 });
    expect(() => encode(uint8, 256)).toThrow(/not a uint8/);
    expect(() => encode(uint64, -1n)).toThrow(/not a uint64/);
  });
});

describe('vectors', () => {
  it('skip their length prefix: two vectors in a row decode separately', () => {
    const value = { first: Uint8Array.of(1, 2, 3), second: Uint8Array.of(4) };
    const bytes = encode(pair, value);
    expect(bytes).toEqual(hex('03010203 0104'));
    expect(decode(pair, bytes)).toEqual(value);
  });

  it('refuse a length beyond the input before allocating anything', () => {
    // A 4-byte header claiming 2^30-1 bytes with one byte of content.
    const error = expectRefusal(opaqueV, hex('bfffffff 00'), { code: 'length-exceeds-input', offset: 0 });
    expect(error.detail).toMatch(/1073741823/);
  });

  it('refuse a length above the configured limit even when the input holds it', () => {
    const bytes = encode(opaqueV, new Uint8Array(100));
    expectRefusal(opaqueV, bytes, { code: 'too-large', offset: 0 }, { limits: { maxVectorBytes: 99 } });
    expect(decode(opaqueV, bytes, { limits: { maxVectorBytes: 100 } })).toHaveLength(100);
  });

  it('refuse an input above the total limit before reading it', () => {
    expectRefusal(opaqueV, new Uint8Array(2000), { code: 'too-large', offset: 0 }, { limits: { maxTotalBytes: 1999 } });
  });

  it('refuse more elements than the limit', () => {
    const bytes = encode(vectorV(uint8), [1, 2, 3, 4]);
    expectRefusal(vectorV(uint8), bytes, { code: 'too-large', offset: 4 }, { limits: { maxVectorElements: 3 } });
  });

  it('refuse elements of zero size instead of looping forever', () => {
    const empty = struct('Empty', {});
    expect(decode(vectorV(empty), hex('00'))).toEqual([]);
    expectRefusal(vectorV(empty), hex('05 0000000000'), { code: 'invalid-value', offset: 1, path: '[0]' });
  });

  it('refuse an element that overruns its vector', () => {
    // Vector of uint16 claiming 3 bytes: the second element is cut by the vector end.
    expectRefusal(vectorV(uint16), hex('03 0001 02 00'), { code: 'truncated', offset: 3, path: '[1]' });
  });

  it('check fixed ranges <a..b> with the minimal fixed-width prefix', () => {
    const signature = opaqueRange(0, 255);
    expect(encode(signature, Uint8Array.of(9))).toEqual(hex('0109'));
    const wide = opaqueRange(2, 300);
    expect(encode(wide, Uint8Array.of(1, 2))).toEqual(hex('00020102'));
    expectRefusal(wide, hex('0001 01'), { code: 'invalid-value', offset: 0 });
    expectRefusal(wide, new Uint8Array([0x01, 0x2d, ...new Uint8Array(301)]), { code: 'too-large', offset: 0 });
    expect(() => encode(wide, new Uint8Array(301))).toThrow(/outside <2..300>/);
    expect(decode(vectorRange(uint16, 0, 2 ** 16 - 1), hex('0004 0001 0002'))).toEqual([1, 2]);
  });
});

describe('optional<T> (RFC 9420 §2.1.3)', () => {
  const maybe = optional(uint8);
  it('reads 0 as absent and 1 as present', () => {
    expect(decode(maybe, hex('00'))).toBeNull();
    expect(decode(maybe, hex('0107'))).toBe(7);
  });
  it('refuses any other presence byte, and a missing one', () => {
    expectRefusal(maybe, hex('0207'), { code: 'bad-optional-flag', offset: 0 });
    expectRefusal(maybe, hex('ff'), { code: 'bad-optional-flag', offset: 0 });
    expectRefusal(maybe, hex(''), { code: 'truncated', offset: 0 });
  });
});

describe('enums and select (RFC 8446 §3.5, §3.8)', () => {
  it('encode cases with their tag and fields', () => {
    expect(encode(shape, { kind: 'a' })).toEqual(hex('00'));
    expect(encode(shape, { kind: 'b', size: 3 })).toEqual(hex('01 0003'));
    expect(decode(shape, hex('05 02 0102'))).toEqual({ kind: 'c', items: [1, 2] });
  });
  it('refuse a value outside the closed set', () => {
    expectRefusal(shape, hex('02'), { code: 'unknown-enum', offset: 0, path: 'kind' });
    expectRefusal(kind, hex('ff'), { code: 'unknown-enum', offset: 0 });
  });
  it('cannot encode an unknown case', () => {
    expect(() => encode(kind, 'z' as 'a')).toThrow(/not a Kind/);
  });
});

describe('errors carry offset and path', () => {
  it('name the innermost field and the absolute offset', () => {
    const outer = struct('Outer', { tag: uint8, inner: struct('Inner', { list: vectorV(pair) }) });
    const bytes = encode(outer, { tag: 1, inner: { list: [{ first: Uint8Array.of(1), second: Uint8Array.of(2) }, { first: Uint8Array.of(3), second: Uint8Array.of(4) }] } });
    // Break the second element's `second` header: 0x01 -> 0xc0 (reserved prefix).
    const broken = bytes.slice();
    broken[8] = 0xc0;
    expectRefusal(outer, broken, { code: 'invalid-length-prefix', offset: 8, path: 'Outer.inner.list[1].second' }, { rootName: 'Outer' });
  });

  it('refuse trailing bytes at the end of the value', () => {
    expectRefusal(uint16, hex('0001 00'), { code: 'trailing-bytes', offset: 2 });
  });

  it('refuse nesting deeper than the limit', () => {
    const nested = vectorV(vectorV(vectorV(uint8)));
    const bytes = encode(nested, [[[1]]]);
    expect(decode(nested, bytes, { limits: { maxDepth: 3 } })).toEqual([[[1]]]);
    expectRefusal(nested, bytes, { code: 'too-deep' }, { limits: { maxDepth: 2 } });
  });
});
