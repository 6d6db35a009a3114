import { describe, expect, it } from 'vitest';
import { createTrace, encodeTraced, nonMinimalHeader, opaqueV, type Codec } from '../../harness/codec/index.js';
import { checkMutation } from '../helpers/laws.js';

/** A planted bug: an opaque<V> that accepts non-minimal headers (as ts-mls does). */
const lenientOpaque: Codec<Uint8Array> = {
  ...opaqueV,
  read(r) {
    const first = r.bytes[r.pos] ?? 0;
    const size = 1 << (first >> 6);
    let length = first & 0x3f;
    for (let i = 1; i < size; i++) length = length * 256 + (r.bytes[r.pos + i] ?? 0);
    r.pos += size;
    const out = r.bytes.slice(r.pos, r.pos + length);
    r.pos += length;
    return out;
  },
};

/** A planted bug: a decoder that crashes with a TypeError. */
const crashing: Codec<Uint8Array> = {
  ...opaqueV,
  read() {
    throw new TypeError('boom');
  },
};

describe('the codec laws catch planted decoder bugs', () => {
  it('a lenient decoder fails the non-minimal-header law', () => {
    const { bytes, trace } = encodeTraced(opaqueV, Uint8Array.of(1, 2, 3), '', createTrace());
    const mutation = nonMinimalHeader(bytes, trace ?? createTrace(), 0);
    if (mutation === null) throw new Error('no mutation');
    expect(() => { checkMutation(opaqueV, mutation, 'x'); }).not.toThrow();
    expect(() => { checkMutation(lenientOpaque, mutation, 'x'); }).toThrow(/must be refused/);
  });

  it('decode() turns a crashing decoder into a DecodeError rather than letting a TypeError escape', () => {
    const { bytes } = encodeTraced(opaqueV, Uint8Array.of(1), '');
    expect(() => { checkMutation(crashing, { name: 'any', bytes, expect: { kind: 'refuse', code: 'invalid-value' } }, 'x'); }).not.toThrow();
  });
});
