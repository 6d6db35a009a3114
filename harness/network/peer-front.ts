import https from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { createHarnessPki } from '../pki/index.js';
import type { Network } from './network-types.js';
import { readAll, toFetchHeaders, writeFetchResponse } from './node-bridge.js';

/** One harness peer as an external target reaches it: its provider and DS names. */
export interface FrontedPeer {
  readonly domain: string;
  readonly dsDomain: string;
}

/** The run-wide loopback fronts of the harness's peers (issue 11 §1). */
export interface PeerFronts {
  /** The run-wide harness CA (PEM) every front's certificate chains to (`ca.pem`). */
  readonly caPem: string;
  /** Every fronted name → `{ address: "127.0.0.1:PORT", variant: "valid" }` (`hosts.json`, the format of `serve`). */
  readonly hosts: Readonly<Record<string, { readonly address: string; readonly variant: 'valid' }>>;
  /** Routes every request that arrives from now on into `network`, as a request from `source`; undefined: refuse them (between checks). */
  attach(network: Network | undefined, source: string): void;
  /**
   * Waits in real time until no request from the target has been under way
   * or arrived for `quietMs` (default 250), at most `maxMs` (default 5000):
   * the target's background work (its fan-out) is then taken to be over.
   * `fromNow`: the quiet period starts no earlier than the call (the harness
   * just sent the target something whose fan-out may not have begun).
   */
  quiet(options?: { readonly quietMs?: number; readonly maxMs?: number; readonly fromNow?: boolean }): Promise<void>;
  /** Requests that arrived since the fronts started (for the run's health line). */
  readonly received: number;
  close(): Promise<void>;
}

/**
 * Starts one real https listener on 127.0.0.1 per peer, for the whole run,
 * each with a certificate for both its names from a run-wide harness CA (TLS
 * 1.3 only), so an external target reads stable addresses once before the
 * run. Each request is read whole and handed to the network attached now
 * (`Network.serveIncoming`): the current check's peer answers it, with that
 * check's trace, link faults and crashes. A request that arrives between
 * checks gets 503 and `Retry-After: 1`; one the network does not answer
 * (crash, drop, partition) has its connection closed.
 *
 * @example
 * const fronts = await startPeerFronts([{ domain: 'peer-a.test', dsDomain: 'ds.peer-a.test' }]);
 * fronts.attach(network, 'target.test');
 */
export async function startPeerFronts(peers: readonly FrontedPeer[], options: { readonly caName?: string } = {}): Promise<PeerFronts> {
  const pki = createHarnessPki({ now: () => new Date(), name: options.caName ?? 'mimi-harness peers CA' });
  let current: { network: Network; source: string } | undefined;
  let inFlight = 0;
  let lastActivity = performance.now();
  let received = 0;
  const servers: https.Server[] = [];
  const sockets = new Set<Socket>();
  const hosts: Record<string, { address: string; variant: 'valid' }> = {};
  for (const peer of peers) {
    const credentials = pki.credentials([peer.domain, peer.dsDomain]);
    const server = https.createServer({ key: credentials.keyPem, cert: credentials.certPem, minVersion: 'TLSv1.3', noDelay: true, keepAliveTimeout: 4_000, requestTimeout: 30_000 }, (req, res) => {
      received += 1;
      inFlight += 1;
      lastActivity = performance.now();
      const socket = req.socket as TLSSocket;
      void (async () => {
        try {
          const body = await readAll(req);
          const attached = current;
          if (attached === undefined) {
            res.writeHead(503, { 'retry-after': '1', 'content-length': '0' }).end();
            return;
          }
          const host = (req.headers.host ?? peer.domain).split(':')[0] ?? peer.domain;
          const outcome = await attached.network.serveIncoming({ host, source: attached.source, method: req.method ?? 'GET', path: req.url ?? '/', headers: toFetchHeaders(req.headers), body, tls: { protocol: socket.getProtocol() ?? 'unknown', certificateSubject: host, sessionReused: socket.isSessionReused() } });
          if (outcome.answered) writeFetchResponse(new Response(null, { status: outcome.status, headers: outcome.headers }), outcome.body, res);
          else res.destroy();
        } catch {
          res.destroy();
        } finally {
          inFlight -= 1;
          lastActivity = performance.now();
        }
      })();
    });
    server.on('tlsClientError', () => undefined);
    server.on('connection', (socket: Socket) => {
      sockets.add(socket);
      socket.once('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', resolve);
    });
    servers.push(server);
    const { port } = server.address() as AddressInfo;
    for (const name of [peer.domain, peer.dsDomain]) hosts[name] = { address: `127.0.0.1:${port}`, variant: 'valid' };
  }
  return {
    caPem: pki.caPem,
    hosts,
    attach(network, source) {
      current = network === undefined ? undefined : { network, source };
      lastActivity = performance.now();
    },
    async quiet(quietOptions = {}) {
      const quietMs = quietOptions.quietMs ?? 250;
      const deadline = performance.now() + (quietOptions.maxMs ?? 5_000);
      if (quietOptions.fromNow === true) lastActivity = Math.max(lastActivity, performance.now());
      while (performance.now() < deadline) {
        const idleFor = performance.now() - lastActivity;
        if (inFlight === 0 && idleFor >= quietMs) return;
        await new Promise((resolve) => setTimeout(resolve, Math.max(5, Math.min(50, quietMs - idleFor))));
      }
    },
    get received() {
      return received;
    },
    async close() {
      current = undefined;
      for (const socket of sockets) socket.destroy();
      await Promise.all(servers.map((server) => new Promise<void>((resolve) => { server.close(() => { resolve(); }); })));
    },
  };
}
