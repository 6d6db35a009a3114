import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The folder of this package (where `fixtures/` is), found by walking up
 * from this module: the same from `harness/cli` in a checkout and from
 * `dist/harness/cli` in an installed package.
 *
 * @example
 * join(packageRoot(), 'fixtures', 'vectors')
 */
export function packageRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'mimi-transport-harness') return dir;
    const parent = dirname(dir);
    if (parent === dir) throw new Error('cannot find the mimi-transport-harness package folder');
    dir = parent;
  }
}
