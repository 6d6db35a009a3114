import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../harness/cli/index.js';
import { referenceTarget } from '../../harness/conformance/index.js';
import { memoryIo } from '../helpers/cli-io.js';

// Worker threads run plain Node, so they load the build: `npm run build` first.
const BUILT = fileURLToPath(new URL('../../dist/harness/cli/worker-target.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mimi-workers-'));
type Doc = { durationMs: number; traceHash: string; results: { id: string; status: string; durationMs: number }[] } & Record<string, unknown>;
const read = (file: string) => JSON.parse(readFileSync(file, 'utf8')) as Doc;
const withoutDurations = (doc: Doc) => ({ ...doc, durationMs: 0, results: doc.results.map((r) => ({ ...r, durationMs: 0 })) });
// A few checks of every category; tls, so the TLS checks run too.
const SELECTION = 'transport.tls.min-version,transport.http.unknown-path,forwarding.deliver-message.recipient-mismatch,forwarding.verification-key.scheme,ds.send-message.fan-out,ds.commit.wrong-epoch,adversarial.reflection,malformed.deliver-message.spoiled-body,rate-limit.source.isolates,scripted.discovery.ds-domain';

async function runWith(workers: number, extra: readonly string[], name: string): Promise<{ status: number; doc: Doc; out: string[] }> {
  const file = join(dir, `${name}-${workers}.json`);
  const io = memoryIo();
  const status = await runCli(['run', '--check', SELECTION, '--workers', String(workers), '--json', file, ...extra], io);
  return { status, doc: read(file), out: io.stdout };
}

describe('run --workers N (issue 13 §4)', () => {
  it('gives the same JSON (durations aside) and the same progress order for 1 and 2 workers, against the reference and a planted bug', async () => {
    if (!existsSync(BUILT)) throw new Error('worker threads run the build: run `npm run build` first');
    for (const [name, extra, exit] of [['reference', [], 0], ['planted', ['--planted', 'fans an application message out to its sender too'], 1]] as const) {
      const one = await runWith(1, extra, name);
      const two = await runWith(2, extra, name);
      expect([one.status, two.status]).toEqual([exit, exit]);
      expect(withoutDurations(two.doc)).toEqual(withoutDurations(one.doc));
      expect(two.doc.results).toHaveLength(10);
      const progress = (out: string[]) => out.filter((line) => /^\[\s*\d+\/10\]/.test(line)).map((line) => line.replace(/\(\d+ ms\)$/, ''));
      expect(progress(two.out)).toEqual(progress(one.out));
      expect(two.out[0]).toMatch(/, 2 worker threads \(progress in catalog order\)$/);
      if (name === 'planted') expect(two.doc.results.find((r) => r.id === 'ds.send-message.fan-out')?.status).toBe('fail');
    }
  });

  it('refuses a bad --workers, and more than 1 where a worker cannot rebuild the target (exit 2)', async () => {
    for (const [argv, message] of [
      [['--workers', '0'], /--workers is an integer from 1 to 64/],
      [['--workers', 'many'], /--workers is an integer from 1 to 64/],
      [['--workers', '65'], /--workers is an integer from 1 to 64/],
      [['--workers'], /--workers needs a value/],
      [['--workers', '2', '--target-config', 'nowhere.json'], /--workers 2: an external target runs in one thread/],
    ] as const) {
      const io = memoryIo();
      expect(await runCli(['run', '--check', 'transport.http.unknown-path', ...argv], io)).toBe(2);
      expect(io.stderr.join('\n')).toMatch(message);
    }
    const given = memoryIo();
    expect(await runCli(['run', '--workers', '2'], given, { target: referenceTarget({ domain: 'target.test' }) })).toBe(2);
    expect(given.stderr.join('\n')).toMatch(/a target or catalog given in-process runs in one thread/);
  });
});
