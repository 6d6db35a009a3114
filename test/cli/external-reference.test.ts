import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalTarget, referenceTarget, startExternalPeerFronts, runCatalog, selectChecks, type CheckResult, type Target } from '../../harness/conformance/index.js';
import type { PeerFronts } from '../../harness/network/index.js';
import { startServing, type Served } from '../../harness/cli/serve-command.js';
import { readTargetConfig } from '../../harness/cli/target-config.js';
import { CATALOG } from '../../scenarios/index.js';

/** One or a few checks of each category, cheap ones (the whole catalog runs in .ci/external-reference.sh). */
const SUBSET = selectChecks(CATALOG, process.env.MIMI_EXTERNAL_CHECKS ?? 'transport.http.method-not-allowed,forwarding.verification-key.recipient-mismatch,ds.send-message.fan-out,adversarial.replay.fan-out,adversarial.replay.key-package-request,malformed.verification-key.spoiled-body,rate-limit.source.triggers-at-budget,scripted.discovery.ds-domain');

let dir: string;
let fronts: PeerFronts;
let served: Served;
let target: Target;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'mimi-external-'));
  fronts = await startExternalPeerFronts(SUBSET);
  writeFileSync(join(dir, 'peers-ca.pem'), fronts.caPem);
  const peers = join(dir, 'peers');
  const { mkdirSync } = await import('node:fs');
  mkdirSync(peers);
  writeFileSync(join(peers, 'ca.pem'), fronts.caPem);
  writeFileSync(join(peers, 'hosts.json'), JSON.stringify(fronts.hosts));
  served = await startServing(1, join(dir, 'serve'), 1, {}, { peersDir: peers, peersTimeoutMs: 5_000, control: true });
  target = externalTarget(readTargetConfig(join(dir, 'serve', 'target.json')), fronts);
});

afterAll(async () => {
  await served.closeControl();
  await served.network.dispose();
  await fronts.close();
  rmSync(dir, { recursive: true, force: true });
});

const verdicts = (results: readonly CheckResult[]) => results.map((r) => [r.id, r.status, r.status === 'pass' ? '' : (r.evidence.actual ?? '')]);

describe('the reference provider behind `serve`, as an external target (issue 11 §1, §5)', () => {
  it('gives the same verdicts as in-process, check by check', async () => {
    expect(SUBSET.length).toBeGreaterThan(5);
    const inProcess = await runCatalog({ target: referenceTarget({ domain: 'provider1.test' }), checks: SUBSET, seed: 1 });
    const external = await runCatalog({ target, checks: SUBSET, seed: 1, checkTimeoutMs: 20_000 });
    // Equal, check by check, except a check that cannot judge an external target the same way: it says so (skip with the reason).
    const excused = external.filter((r, i) => r.status !== inProcess[i]?.status);
    expect(excused.map((r) => [r.id, r.status, r.evidence.actual])).toEqual([['rate-limit.source.triggers-at-budget', 'skip', 'an external target keeps its state across the run; this check needs a target no earlier check touched']]);
    expect(verdicts(inProcess).filter(([, status]) => status !== 'pass')).toEqual([]);
    // The target's exchanges went over real TLS 1.3 to its listener, and its requests to the peers came back through the fronts.
    const exchanges = external.flatMap((r) => r.evidence.exchanges);
    expect(exchanges.some((e) => e.destination === 'ds.provider1.test' && (e.tls as { protocol?: string } | null)?.protocol === 'TLSv1.3')).toBe(true);
    // Each check's peers have names of their own (external-peers.ts), e.g. ds.peer-b-<tag>.test.
    expect(exchanges.some((e) => e.source === 'provider1.test' && typeof e.destination === 'string' && /^ds\.peer-b-[0-9a-f]{8}\.test$/.test(e.destination))).toBe(true);
  }, 60_000);
});
