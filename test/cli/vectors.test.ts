import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readVectorFiles, runCli, vectorFileTexts } from '../../harness/cli/index.js';
import { generateVectors, REGISTRY, VECTOR_SEED } from '../../harness/messages/index.js';
import { memoryIo } from '../helpers/cli-io.js';

const bundled = join(import.meta.dirname, '../../fixtures/vectors');

describe('test vectors', () => {
  it('regenerating from the seed gives the bundled files byte for byte', () => {
    const expected = vectorFileTexts(generateVectors(VECTOR_SEED), VECTOR_SEED);
    expect(readdirSync(bundled).sort()).toEqual([...expected.keys()].sort());
    for (const [name, text] of expected) expect(readFileSync(join(bundled, name), 'utf8'), name).toBe(text);
  });

  it('cover every struct of the registry with positive and negative vectors', () => {
    const all = readVectorFiles(bundled);
    expect(all.map((v) => v.struct)).toEqual(REGISTRY.map((e) => e.name));
    for (const vectors of all) {
      expect(vectors.positive.length, vectors.struct).toBeGreaterThanOrEqual(3);
      const kinds = vectors.negative.map((v) => v.name.split(':')[0]?.split(' ')[1]);
      expect(kinds, vectors.struct).toContain('truncated');
      expect(kinds, vectors.struct).toContain('trailing-byte');
    }
  });

  it('mimi-harness vectors --out writes the same files as the bundled ones', async () => {
    const out = mkdtempSync(join(tmpdir(), 'mimi-vectors-'));
    const io = memoryIo();
    expect(await runCli(['vectors', '--out', out], io)).toBe(0);
    expect(io.stdout.join('\n')).toMatch(/51 structs|structs/);
    for (const name of readdirSync(bundled)) expect(readFileSync(join(out, name), 'utf8')).toBe(readFileSync(join(bundled, name), 'utf8'));
  });

  it('another seed gives other vectors', () => {
    expect(JSON.stringify(generateVectors(VECTOR_SEED + 1)[1])).not.toBe(JSON.stringify(generateVectors(VECTOR_SEED)[1]));
  });
});

describe('mimi-harness decode against every vector', () => {
  const all = readVectorFiles(bundled);
  it.each(all.map((v) => [v.struct, v] as const))('%s: positives decode to their value, negatives fail with their code and offset', async (struct, vectors) => {
    for (const vector of vectors.positive) {
      const io = memoryIo();
      expect(await runCli(['decode', struct, vector.hex], io), vector.name).toBe(0);
      expect(JSON.parse(io.stdout.join('\n'))).toEqual(vector.value);
    }
    const io = memoryIo(vectors.negative.map((v) => v.hex));
    expect(await runCli(['decode', struct, '--stdin'], io)).toBe(0);
    const results = io.stdout.map((line) => JSON.parse(line) as { ok: boolean; error?: { code: string; offset: number } });
    expect(results).toHaveLength(vectors.negative.length);
    results.forEach((result, i) => {
      const expected = vectors.negative[i]?.error;
      expect(result.ok).toBe(false);
      expect(result.error?.code).toBe(expected?.code);
      expect(result.error?.offset).toBe(expected?.offset);
    });
    for (const vector of vectors.negative) {
      const single = memoryIo();
      expect(await runCli(['decode', struct, vector.hex], single), vector.name).toBe(1);
      expect((JSON.parse(single.stdout.join('\n')) as { code: string }).code).toBe(vector.error.code);
    }
  });
});
