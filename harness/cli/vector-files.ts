import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { StructVectors } from '../messages/index.js';

/** The index written beside the per-struct files. */
export interface VectorIndex {
  readonly seed: number;
  readonly structs: readonly string[];
}

/** The exact text of each file for a set of vectors: `<Struct>.json` plus `index.json`. */
export function vectorFileTexts(all: readonly StructVectors[], seed: number): Map<string, string> {
  const files = new Map<string, string>();
  for (const vectors of all) files.set(`${vectors.struct}.json`, `${JSON.stringify(vectors, null, 2)}\n`);
  const index: VectorIndex = { seed, structs: all.map((v) => v.struct) };
  files.set('index.json', `${JSON.stringify(index, null, 2)}\n`);
  return files;
}

/**
 * Writes the vector files into `dir` (created if needed).
 *
 * @example
 * writeVectorFiles('fixtures/vectors', generateVectors(), VECTOR_SEED)
 */
export function writeVectorFiles(dir: string, all: readonly StructVectors[], seed: number): number {
  mkdirSync(dir, { recursive: true });
  const files = vectorFileTexts(all, seed);
  for (const [name, text] of files) writeFileSync(join(dir, name), text);
  return files.size;
}

/**
 * Reads every struct's vectors listed in `dir/index.json`.
 *
 * @example
 * const all = readVectorFiles(join(packageRoot(), 'fixtures', 'vectors'));
 */
export function readVectorFiles(dir: string): StructVectors[] {
  const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8')) as VectorIndex;
  return index.structs.map((name) => JSON.parse(readFileSync(join(dir, `${name}.json`), 'utf8')) as StructVectors);
}
