import { describe, expect, it } from 'vitest';
import { createTrace, encodeTraced, opaqueV, struct, uint16, vectorV } from '../../harness/codec/index.js';
import { buildSeeds, inputAt, MUTATORS, profileVerdict, rewriteVector, rngFor, type Seed } from '../../harness/fuzz/index.js';

const outer = struct('Outer', { tag: uint16, items: vectorV(opaqueV) });
const value = { tag: 7, items: [Uint8Array.of(1, 2, 3), Uint8Array.of(4)] };
const { bytes, trace } = encodeTraced(outer, value, 'Outer', createTrace());

describe('structure-aware mutations (issue 12 §2)', () => {
  it('rewriteVector resizes one vector to a varint boundary and fixes every enclosing header', () => {
    if (trace === undefined) throw new Error('no trace');
    const innerIndex = trace.marks.findIndex((m) => m.kind === 'length' && m.parents.length === 1);
    const resized = rewriteVector(bytes, trace, innerIndex, new Uint8Array(64).fill(0x61));
    const verdict = profileVerdict(outer, 'Outer', resized ?? new Uint8Array(0));
    expect(verdict.ok).toBe(true);
    expect(verdict.ok && (verdict.value as typeof value).items[0]?.length).toBe(64);
  });

  it('a non-minimal header with the enclosing lengths fixed is refused for exactly that, where it is', () => {
    if (trace === undefined) throw new Error('no trace');
    const innerIndex = trace.marks.findIndex((m) => m.kind === 'length' && m.parents.length === 1);
    const mark = trace.marks[innerIndex];
    const mutated = rewriteVector(bytes, trace, innerIndex, undefined, 4);
    expect(profileVerdict(outer, 'Outer', mutated ?? new Uint8Array(0))).toMatchObject({ ok: false, code: 'non-minimal-length', offset: mark?.pos });
  });

  it('every mutator applies to a real struct, and the same seed and index give the same input', () => {
    const seeds = buildSeeds({ structs: ['DSError', 'KeyPackagesRequest', 'DSRequest', 'RatchetTree'], seed: 1, perStruct: 4 });
    for (const mutator of MUTATORS) {
      const applied = seeds.some((seed: Seed) => [0, 1, 2, 3, 4, 5, 6, 7].some((i) => mutator.apply(seed, rngFor(9, i)) !== null));
      expect(applied, mutator.name).toBe(true);
    }
    for (const index of [0, 5, 100, 12_345]) expect(inputAt(seeds, 1, index).bytes).toEqual(inputAt(seeds, 1, index).bytes);
    expect(inputAt(seeds, 1, 100).bytes).not.toEqual(inputAt(seeds, 2, 100).bytes);
  });

  it('mutants are mostly refused, with the codes the profile knows', () => {
    const seeds = buildSeeds({ structs: ['DSError', 'FQDN', 'KeyPackagesRequest'], seed: 1 });
    const codes = new Set<string>();
    let accepted = 0;
    for (let i = seeds.length; i < seeds.length + 3000; i++) {
      const input = inputAt(seeds, 1, i);
      const verdict = profileVerdict(input.codec, input.struct, input.bytes);
      if (verdict.ok) accepted += 1;
      else codes.add(verdict.code);
    }
    expect(accepted).toBeGreaterThan(30);
    expect([...codes].sort()).toEqual(expect.arrayContaining(['invalid-length-prefix', 'invalid-value', 'length-exceeds-input', 'non-minimal-length', 'trailing-bytes', 'truncated', 'unknown-enum']));
  });
});
