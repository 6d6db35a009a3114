import https from 'node:https';
import type { ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { externalTarget, runCatalog, selectChecks, startExternalPeerFronts, type Target } from '../../harness/conformance/index.js';
import type { PeerFronts } from '../../harness/network/index.js';
import { createHarnessPki } from '../../harness/pki/index.js';
import { CATALOG } from '../../scenarios/index.js';

/** Cheap checks of several categories; against a broken target each must fail on its own, with what it saw. */
const CHECKS = selectChecks(CATALOG, 'transport.http.method-not-allowed,transport.discovery.ds-domain,forwarding.verification-key.recipient-mismatch,ds.send-message.fan-out,malformed.verification-key.spoiled-body');
const DOMAIN = 'broken.test';
const DS_DOMAIN = 'ds.broken.test';

const servers: https.Server[] = [];
let fronts: PeerFronts | undefined;
afterAll(async () => {
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => { resolve(); }));
  }
  await fronts?.close();
});

/** A real https listener on loopback for the target's names, with its own CA, that answers every request as `answer` does. */
async function brokenTarget(options: { readonly maxVersion: 'TLSv1.2' | 'TLSv1.3' }, answer: (res: ServerResponse) => void): Promise<Target> {
  const pki = createHarnessPki({ now: () => new Date(), name: 'broken target CA' });
  const credentials = pki.credentials([DOMAIN, DS_DOMAIN]);
  const server = https.createServer({ key: credentials.keyPem, cert: credentials.certPem, minVersion: 'TLSv1.2', maxVersion: options.maxVersion }, (req, res) => {
    req.resume();
    answer(res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fronts ??= await startExternalPeerFronts(CHECKS);
  return externalTarget({ name: 'broken', domain: DOMAIN, dsDomain: DS_DOMAIN, providerOrigin: origin, dsOrigin: origin, caPem: pki.caPem }, fronts);
}

describe('an external target that is broken fails the run with clear verdicts, never a hang (issue 11 §5)', () => {
  it('a target that only speaks TLS 1.2: every check fails on the handshake, none times out', async () => {
    const target = await brokenTarget({ maxVersion: 'TLSv1.2' }, (res) => { res.end(); });
    const results = await runCatalog({ target, checks: CHECKS, seed: 1, checkTimeoutMs: 20_000 });
    expect(results.map((r) => r.status)).toEqual(CHECKS.map(() => 'fail'));
    for (const result of results) {
      expect(result.evidence.actual, result.id).not.toMatch(/timed out/);
      expect(result.evidence.actual, result.id).toBeTruthy();
    }
    // What the handshakes ended in is in the evidence: no exchange got an HTTP status.
    expect(results.flatMap((r) => r.evidence.exchanges).every((e) => e['status'] === null)).toBe(true);
  }, 60_000);

  it('a target that answers every request with 500: every check fails saying what it saw, none times out', async () => {
    const target = await brokenTarget({ maxVersion: 'TLSv1.3' }, (res) => {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end('internal error');
    });
    const results = await runCatalog({ target, checks: CHECKS, seed: 1, checkTimeoutMs: 20_000 });
    expect(results.map((r) => r.status)).toEqual(CHECKS.map(() => 'fail'));
    for (const result of results) expect(result.evidence.actual, result.id).not.toMatch(/timed out/);
    expect(results.some((r) => /500/.test(r.evidence.actual ?? ''))).toBe(true);
  }, 60_000);
});
