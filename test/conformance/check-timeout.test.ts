import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { withCheckTimeout, type CheckVerdict } from '../../harness/conformance/index.js';

/** A verdict that arrives after `ms` (of fake time). */
function verdictAfter(ms: number): Promise<CheckVerdict> {
  return new Promise((resolve) => setTimeout(() => { resolve({ status: 'pass' }); }, ms));
}

describe('the per-check timeout of external runs (issue 11 §1)', () => {
  beforeEach(() => { vi.useFakeTimers(); });
  afterEach(() => { vi.useRealTimers(); });

  it('a check that finishes in time keeps its verdict', async () => {
    const verdict = withCheckTimeout(verdictAfter(999), 1000);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(verdict).resolves.toEqual({ status: 'pass' });
  });

  it('a check that does not finish fails with "timed out", and the run goes on', async () => {
    const verdict = withCheckTimeout(verdictAfter(5000), 1000);
    await vi.advanceTimersByTimeAsync(1000);
    await expect(verdict).resolves.toEqual({ status: 'fail', expected: 'the check to finish within 1000 ms', actual: 'timed out after 1000 ms' });
  });

  it("the check's own real-time waits for the target's clock are added to the limit", async () => {
    const waits = { waitedMs: 0 };
    const verdict = withCheckTimeout(verdictAfter(1700), 1000, () => waits.waitedMs);
    await vi.advanceTimersByTimeAsync(200);
    waits.waitedMs = 800; // it waited 800 ms for a refill: its limit is now 1800 ms
    await vi.advanceTimersByTimeAsync(1500);
    await expect(verdict).resolves.toEqual({ status: 'pass' });
  });

  it('past its limit plus its waits it fails, and says how long it waited', async () => {
    const waits = { waitedMs: 500 };
    const verdict = withCheckTimeout(verdictAfter(5000), 1000, () => waits.waitedMs);
    await vi.advanceTimersByTimeAsync(1499);
    waits.waitedMs = 600;
    await vi.advanceTimersByTimeAsync(101);
    await expect(verdict).resolves.toEqual({
      status: 'fail',
      expected: "the check to finish within 1000 ms (plus 600 ms of its own real-time waits for the target's clock)",
      actual: "timed out after 1000 ms (plus 600 ms of its own real-time waits for the target's clock)",
    });
  });
});
