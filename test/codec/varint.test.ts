import { describe, expect, it } from 'vitest';
import { decode, encode, opaqueV, varint, VARINT_MAX } from '../../harness/codec/index.js';
import { expectRefusal, hex } from '../helpers/decode-error.js';

describe('MLS variable-length header (RFC 9420 §2.1.2)', () => {
  it.each([
    ['25', 37],
    ['7bbd', 15293],
    ['9d7f3e7d', 494878333],
  ])('decodes the RFC example %s as %d and encodes it back', (text, length) => {
    expect(decode(varint, hex(text))).toBe(length);
    expect(encode(varint, length)).toEqual(hex(text));
  });

  it.each([
    [63, '3f'],
    [64, '4040'],
    [16383, '7fff'],
    [16384, '80004000'],
    [VARINT_MAX, 'bfffffff'],
  ])('uses the minimal form at the boundary %d', (length, text) => {
    expect(encode(varint, length)).toEqual(hex(text));
    expect(decode(varint, hex(text))).toBe(length);
  });

  it.each([
    ['4025', 0],
    ['403f', 0],
    ['80000025', 0],
    ['80003fff', 0],
    ['40000000'.slice(0, 4), 0],
  ])('refuses the non-minimal form %s', (text, offset) => {
    expectRefusal(varint, hex(text), { code: 'non-minimal-length', offset });
  });

  it('refuses the reserved prefix 0b11', () => {
    expectRefusal(varint, hex('c0'), { code: 'invalid-length-prefix', offset: 0 });
    expectRefusal(varint, hex('ffffffffffffffff'), { code: 'invalid-length-prefix', offset: 0 });
  });

  it('refuses a header cut short', () => {
    expectRefusal(varint, hex(''), { code: 'truncated', offset: 0 });
    expectRefusal(varint, hex('40'), { code: 'truncated', offset: 0 });
    expectRefusal(varint, hex('800000'), { code: 'truncated', offset: 0 });
  });

  it('cannot encode 2^30 or more', () => {
    expect(() => encode(varint, VARINT_MAX + 1)).toThrow(/2\^30-1/);
  });

  it('agrees with the header inside opaque<V> at every boundary', () => {
    for (const length of [0, 1, 63, 64, 16383, 16384]) {
      const bytes = encode(opaqueV, new Uint8Array(length));
      const header = bytes.subarray(0, bytes.length - length);
      expect(decode(varint, header)).toBe(length);
      expect(header).toEqual(encode(varint, length));
      expect(decode(opaqueV, bytes).length).toBe(length);
    }
  });
});
