import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fuzz, spawnedTarget, warmupInput } from '../../harness/fuzz/index.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const PYTHON = spawnSync('python3', ['--version']).status === 0;
const STRUCTS = ['varint', 'opaque<V>', 'FQDN', 'Extension', 'MimiSupportedVersions', 'MimiGroupContext'];

/** The adapter exactly as docs/FUZZING.md shows it, between its markers. */
function adapterFromDocs(): string {
  const doc = readFileSync(join(ROOT, 'docs', 'FUZZING.md'), 'utf8');
  const block = /<!-- adapter:begin -->\n```python\n([\s\S]*?)```\n<!-- adapter:end -->/.exec(doc)?.[1];
  if (block === undefined) throw new Error('docs/FUZZING.md has no adapter block between its markers');
  return block;
}

describe('the Python adapter of docs/FUZZING.md (issue 12 §1)', () => {
  it('is about 30 lines', () => {
    expect(adapterFromDocs().split('\n').length).toBeLessThanOrEqual(40);
  });

  // CI installs python3 (.ci/run); only a machine without it skips, and says why.
  it.skipIf(!PYTHON)('speaks the protocol around a small decoder in Python, which agrees with the profile on every input (skipped only when python3 is absent)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fuzz-python-'));
    try {
      writeFileSync(join(dir, 'adapter.py'), adapterFromDocs());
      copyFileSync(join(ROOT, 'fixtures', 'fuzz', 'python', 'mimi_decoder.py'), join(dir, 'mimi_decoder.py'));
      const target = spawnedTarget({ command: `python3 ${join(dir, 'adapter.py')}`, timeoutMs: 5000, warmup: warmupInput('FQDN', 1) });
      try {
        const summary = await fuzz(target, { structs: [...STRUCTS, 'DSError'], seed: 1, runs: 3000 });
        expect(summary.findings.map((f) => `${f.signature} ${f.hex}`)).toEqual([]);
        expect(summary.unsupported).toEqual(['DSError']);
        expect(summary.inputs).toBeGreaterThan(2000);
        // Its codes were compared only as a report; they happen to be the profile's.
        expect(Object.keys(summary.codes)).toContain('non-minimal-length');
        expect(summary.codes['non-minimal-length']).toEqual({ 'non-minimal-length': expect.any(Number) as number });
      } finally {
        await target.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it.runIf(!PYTHON)('cannot run here: python3 is not installed (CI installs it)', () => {
    expect(PYTHON).toBe(false);
  });
});
