import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Where the benchmarks leave what vitest's JSON cannot hold (byte counts, peak RSS); read by bench/report.mjs. */
export const META_FILE = join(dirname(fileURLToPath(import.meta.url)), 'results', 'meta.json');

/**
 * Records one measurement beside vitest's timings, under `key` (read-modify-write: the bench files
 * run one after another, `--no-file-parallelism`).
 *
 * @example
 * recordMeta('codec.add_users.10.bytes', bytes.length);
 */
export function recordMeta(key: string, value: unknown): void {
  mkdirSync(dirname(META_FILE), { recursive: true });
  let meta: Record<string, unknown>;
  try {
    meta = JSON.parse(readFileSync(META_FILE, 'utf8')) as Record<string, unknown>;
  } catch {
    meta = {};
  }
  meta[key] = value;
  writeFileSync(META_FILE, `${JSON.stringify(meta, null, 2)}\n`);
}
