import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const shared = fileURLToPath(new URL('../../../shared/vectors/mls-wg/', import.meta.url));
const bundled = fileURLToPath(new URL('../../fixtures/mls-wg/', import.meta.url));

/** The shared copy of the MLS WG vectors when it is beside the checkout (CI, sessions), else the bundled one. */
export function mlsWgDirectory(): string {
  return existsSync(shared) ? shared : bundled;
}

/** Both copies, so a test can prove the bundled one is unchanged. */
export const MLS_WG_DIRECTORIES = { shared, bundled } as const;

/** Parses one vector file from the chosen directory. */
export function readMlsWg(file: 'messages.json' | 'deserialization.json'): unknown {
  return JSON.parse(readFileSync(`${mlsWgDirectory()}${file}`, 'utf8'));
}
