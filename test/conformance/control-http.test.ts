import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { httpControl, referenceTarget, runCatalog, startControlServer, type ControlServer, type Target, type TargetControl } from '../../harness/conformance/index.js';
import { createNetwork, loopbackJson, LoopbackJsonError } from '../../harness/network/index.js';
import { CATALOG, PLANTED } from '../../scenarios/index.js';

const servers: ControlServer[] = [];
/** Clients created through httpControl: the HTTP path is really taken. */
let clientsOverHttp = 0;
afterAll(async () => {
  for (const server of servers) await server.close();
});

/** `target` with its control interface served over the control API and used through httpControl (docs/ADAPTER.md). */
function viaHttp(target: Target): Target {
  const inner = target.control;
  if (inner === undefined) throw new Error('a target with a control interface');
  return {
    ...target,
    name: `${target.name} (control over HTTP)`,
    control(durable, network): TargetControl {
      const ready = startControlServer(inner(durable, network)).then((server) => {
        servers.push(server);
        return httpControl(server.url);
      });
      return {
        createClient: async (id, options) => {
          clientsOverHttp += 1;
          return (await ready).createClient(id, options);
        },
      };
    },
  };
}

const CONTROL_CHECKS = CATALOG.filter((c) => c.needs?.includes('control') === true);

describe('the control API (issue 11 §2, docs/ADAPTER.md)', () => {
  it('every check that needs the control interface gives the same verdict through HTTP as in-process', async () => {
    expect(CONTROL_CHECKS.length).toBeGreaterThan(5);
    const results = await runCatalog({ target: viaHttp(referenceTarget({ domain: 'target.test' })), checks: CONTROL_CHECKS, seed: 1 });
    expect(results.filter((r) => r.status !== 'pass').map((r) => `${r.id}: ${r.status} ${r.evidence.actual ?? ''}`)).toEqual([]);
    expect(clientsOverHttp).toBeGreaterThanOrEqual(CONTROL_CHECKS.length);
  });

  it('a planted bug that a control check catches is still caught through HTTP', async () => {
    const bug = PLANTED.find((b) => b.caughtBy.some((id) => CONTROL_CHECKS.some((c) => c.id === id)));
    if (bug === undefined) throw new Error('no planted bug for a control check');
    const checks = CONTROL_CHECKS.filter((c) => bug.caughtBy.includes(c.id));
    const results = await runCatalog({ target: viaHttp(bug.target('target.test')), checks, seed: 1 });
    expect(results.map((r) => r.status)).toEqual(checks.map(() => 'fail'));
  });

  it('answers bad requests with the error shape and its status, never crashing', async () => {
    const network = createNetwork({ seed: 1 });
    try {
      const reference = referenceTarget({ domain: 'target.test' });
      const durable = new Map<string, unknown>();
      reference.start(durable, { clock: network.clock, spawn: () => undefined, randomBytes: (n) => new Uint8Array(n) });
      const server = await startControlServer(reference.control?.(durable, network) ?? { createClient: () => Promise.reject(new Error('none')) });
      servers.push(server);
      const base = new URL(server.url);
      expect(await loopbackJson(base, 'GET', '/health', undefined, 5000)).toEqual({ status: 200, body: { ok: true } });
      expect(await loopbackJson(base, 'POST', '/clients', { client: { user: { user_name: 'bob' } } }, 5000)).toEqual({ status: 400, body: { error: { code: 'bad_request', message: 'domain: expected a string' } } });
      expect((await loopbackJson(base, 'POST', '/clients/7/send', { groupId: 'ab', text: 'x' }, 5000)).status).toBe(404);
      expect((await loopbackJson(base, 'POST', '/nowhere', {}, 5000)).body).toEqual({ error: { code: 'unknown_call', message: 'no call POST /nowhere' } });
      const foreign = await loopbackJson(base, 'POST', '/clients', { client: { user: { user_name: 'eve', domain: 'elsewhere.test' }, client_name: 'x' } }, 5000);
      expect(foreign.status).toBe(409);
      expect(foreign.body).toMatchObject({ error: { code: 'operation_failed' } });
    } finally {
      await network.dispose();
    }
  });

  it('a client call that gets no answer, or garbage, fails fast with a clear error naming the call', async () => {
    const silent: Server = createServer(() => undefined);
    const garbage: Server = createServer((_req, res) => { res.end('<html>'); });
    for (const server of [silent, garbage]) await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const bob = { user: { user_name: 'bob', domain: 'target.test' }, client_name: 'phone' };
    try {
      await expect(httpControl(url(silent), { timeoutMs: 50 }).createClient(bob)).rejects.toThrow(new LoopbackJsonError('POST /clients', 'no answer within 50 ms'));
      await expect(httpControl(url(garbage)).createClient(bob)).rejects.toThrow(/control call POST \/clients: answered 200 with a body that is not JSON: "<html>"/);
      expect(() => httpControl('http://example.com:80')).toThrow(/not an http URL on loopback/);
    } finally {
      silent.closeAllConnections();
      for (const server of [silent, garbage]) await new Promise<void>((resolve) => server.close(() => { resolve(); }));
    }
  });
});
