import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fuzz, spawnedTarget, warmupInput, type Finding, type FindingKind, type FuzzSummary } from '../../harness/fuzz/index.js';

const PLANTED = fileURLToPath(new URL('./planted/', import.meta.url));
const DIST = fileURLToPath(new URL('../../dist/harness/fuzz/index.js', import.meta.url));

/** Fuzzes one planted-bug decoder (a real process, test/fuzz/planted/<file>.mjs) for `runs` inputs. */
async function fuzzPlanted(file: string, struct: string, runs: number, timeoutMs = 5000): Promise<FuzzSummary> {
  if (!existsSync(DIST)) throw new Error('the planted decoders import dist/: run `npm run build` first');
  const target = spawnedTarget({ command: `node ${PLANTED}${file}.mjs`, timeoutMs, warmup: warmupInput(struct, 1) });
  try {
    return await fuzz(target, { structs: [struct], seed: 1, runs, minimize: { attempts: 300, failures: 4 } });
  } finally {
    await target.close();
  }
}

function only(summary: FuzzSummary, kind: FindingKind): Finding {
  const found = summary.findings.filter((f) => f.kind === kind);
  expect(found.map((f) => f.signature), JSON.stringify(summary.findings.map((f) => f.signature))).toHaveLength(1);
  return found[0] as Finding;
}

// Each planted decoder has exactly one defect, and each must be caught within a bounded number of
// inputs (issue 12 §2): the run's length is that bound. Every other input the defect does not touch
// must agree with the profile, so the finding must be the only kind.
// Real processes and real per-input timeouts (a hang is a hang only in real time): on a loaded 2-core machine a test takes minutes.
describe('planted-bug decoders are caught (issue 12 §2)', { timeout: 240_000 }, () => {
  it('an infinite loop on a zero-length element is a hang, found and minimized', async () => {
    const summary = await fuzzPlanted('zero-length-loop', 'KeyPackagesRequest', 300, 750);
    const finding = only(summary, 'hang');
    expect(finding.target).toEqual({ kind: 'hang', timeoutMs: 750 });
    expect(finding.minimization.toBytes).toBeLessThanOrEqual(finding.minimization.fromBytes);
    expect(summary.restarts).toBeGreaterThanOrEqual(1);
    expect(summary.findings).toHaveLength(1);
  });

  it('an off-by-one at the varint boundary 63/64 refuses a valid 63-byte message', async () => {
    const summary = await fuzzPlanted('varint-off-by-one', 'DSError', 1500);
    const finding = only(summary, 'refuses-accepted');
    expect(finding.profile).toEqual({ ok: true });
    expect(finding.target).toEqual({ kind: 'answer', answer: { ok: false, code: 'non-minimal-length' } });
    // code (2 bytes), the 1-byte header 0x3f, 63 bytes of message: nothing can be removed.
    expect(finding.hex.slice(4, 6)).toBe('3f');
    expect(finding.hex).toHaveLength(2 * 66);
  });

  it('an allocation sized from an untrusted length blows the memory bound on a header claiming 1 GiB', async () => {
    const summary = await fuzzPlanted('untrusted-allocation', 'DSError', 200);
    const finding = only(summary, 'memory');
    expect(finding.target.kind === 'memory' && finding.target.growthBytes).toBeGreaterThan(512 * 2 ** 20);
    expect(summary.findings).toHaveLength(1);
  });

  it('two decode paths that disagree: the ASCII fast path accepts a control character the profile refuses', async () => {
    const summary = await fuzzPlanted('two-paths', 'DSError', 1500);
    const finding = only(summary, 'accepts-refused');
    expect(finding.profile).toMatchObject({ ok: false, code: 'invalid-value', path: 'DSError.message' });
    expect(summary.findings).toHaveLength(1);
  });

  it('an encoder that writes a non-minimal varint re-encodes valid input differently', async () => {
    const summary = await fuzzPlanted('non-minimal-encoder', 'DSError', 300);
    const finding = only(summary, 're-encoding-differs');
    expect(finding.index).toBeLessThan(30); // the first valid input already shows it
    expect(finding.profile).toEqual({ ok: true });
    expect(finding.target.kind === 'answer' && finding.target.answer.ok && 'hex' in finding.target.answer && finding.target.answer.hex.slice(4, 6)).toBe('40');
    expect(finding.hex).toHaveLength(6); // minimized to a DSError with an empty message
    expect(summary.findings).toHaveLength(1);
  });

  it('a decoder that skips an unknown enum accepts an error code the profile refuses', async () => {
    const summary = await fuzzPlanted('skips-unknown-enum', 'DSError', 1500);
    const finding = only(summary, 'accepts-refused');
    expect(finding.profile).toMatchObject({ ok: false, code: 'unknown-enum', offset: 0 });
    expect(summary.findings).toHaveLength(1);
  });

  it('a decoder that accepts trailing bytes is caught, minimized to a short value and one byte more', async () => {
    const summary = await fuzzPlanted('accepts-trailing', 'DSError', 1500);
    const finding = only(summary, 'accepts-refused');
    expect(finding.profile).toMatchObject({ ok: false, code: 'trailing-bytes' });
    expect(finding.minimization.toBytes).toBeLessThan(finding.minimization.fromBytes);
    expect(summary.findings).toHaveLength(1);
  });

  it('a crash (the process dies, or prints something else) is found, the target restarted and the run goes on', async () => {
    const summary = await fuzzPlanted('crash-on-reserved-prefix', 'DSError', 200);
    expect(summary.findings.map((f) => f.kind)).toEqual(['crash', 'crash']);
    const died = summary.findings.find((f) => f.target.kind === 'crash' && f.target.detail.includes('exited with code 1'));
    expect(died?.target.kind === 'crash' && died.target.detail).toContain('unreachable: length prefix 3');
    // Minimized while it still crashes: the message header keeps the reserved prefix 0b11.
    expect(Number.parseInt(died?.hex.slice(4, 6) ?? '00', 16) >> 6).toBe(3);
    const printed = summary.findings.find((f) => f !== died);
    expect(printed?.target).toEqual({ kind: 'crash', detail: 'the target printed a line that is not an answer: "debug: empty message"' });
    expect(printed?.hex.slice(4)).toBe('00');
    expect(summary.inputs).toBe(200);
    expect(summary.restarts).toBeGreaterThanOrEqual(1);
  });
});
