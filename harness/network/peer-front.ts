import type { IncomingMessage, ServerResponse } from 'node:http';
import https from 'node:https';
import net from 'node:net';
import type { AddressInfo, Socket } from 'node:net';
import tls from 'node:tls';
import type { TLSSocket } from 'node:tls';
import { createHarnessPki } from '../pki/index.js';
import { clientHelloServerName } from './client-hello.js';
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
  /** Every fronted name → `{ address: "127.0.0.1:PORT", variant: "valid" }` (`hosts.json`, the format of `serve`); every name has the same address. */
  readonly hosts: Readonly<Record<string, { readonly address: string; readonly variant: 'valid' }>>;
  /** Routes every connection and request that arrives from now on into `network`, as from `source`; undefined: refuse them (between checks). */
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

/** How long a connection may take to send its whole first TLS record before the front hangs up. */
const CLIENT_HELLO_MS = 5_000;
/** The largest first record a ClientHello can be (RFC 8446 §5.1: 2^14 plus the header). */
const CLIENT_HELLO_MAX = 5 + (1 << 14) + 256;

/** What the front knows about one connection: the name it asked for and what that host presented when it was made. */
interface FrontConnection {
  readonly name: string | undefined;
  readonly presentedKey: string | undefined;
}

/**
 * Starts one real TLS listener on 127.0.0.1 for every harness peer name of
 * the run, with a run-wide harness CA, so an external target reads one
 * stable address before the run. Each connection is handed, by the SNI
 * name of its ClientHello, to a TLS server that presents what that peer
 * presents now in the attached check's network (`Network.presentedTls`):
 * its certificate variant and names, TLS 1.3 only or (a negative variant)
 * TLS 1.2 only, or a failing handshake. A handshake the target refuses is
 * in the check's trace (`recordIncomingFailure`). Each request is read whole
 * and handed to the attached network (`Network.serveIncoming`): the current
 * check's peer answers it, with that check's trace, link faults and crashes.
 * A request between checks, or for a name that is not a host of the
 * attached check (another check's peer), gets 503 and `Retry-After: 1`
 * outside any trace; one the network
 * does not answer (crash, drop, partition) has its connection closed; one
 * on a connection made before its host's TLS changed is dropped, as
 * `setHostTls` drops open connections in-process.
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
  const sockets = new Set<Socket>();
  const pairOf = new Map<string, readonly string[]>();
  for (const peer of peers) for (const name of [peer.domain, peer.dsDomain]) pairOf.set(name, [peer.domain, peer.dsDomain]);
  const [firstPeer] = peers;
  if (firstPeer === undefined) throw new Error('startPeerFronts needs at least one peer');
  /** Each open connection by its remote port (a TLSSocket over a raw socket reports the same port). */
  const byPort = new Map<number, FrontConnection>();
  const connectionOf = (socket: TLSSocket): FrontConnection | undefined => (socket.remotePort === undefined ? undefined : byPort.get(socket.remotePort));

  const presented = (name: string | undefined) => (name === undefined ? undefined : current?.network.presentedTls(name));
  const contexts = new Map<string, tls.SecureContext>();
  const contextFor = (name: string | undefined, legacy: boolean): tls.SecureContext => {
    const now = presented(name);
    const names = now?.tls.certificateNames ?? now?.names ?? (name === undefined ? undefined : pairOf.get(name)) ?? [firstPeer.domain, firstPeer.dsDomain];
    const variant = now?.tls.certificate ?? 'valid';
    const key = `${legacy ? '1.2' : '1.3'}|${variant}|${names.join(',')}`;
    let context = contexts.get(key);
    if (context === undefined) {
      const credentials = pki.credentials(names, variant);
      context = tls.createSecureContext({ key: credentials.keyPem, cert: credentials.certPem, ...(legacy ? { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.2' } : { minVersion: 'TLSv1.3' }) });
      contexts.set(key, context);
    }
    return context;
  };

  const onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    received += 1;
    const socket = req.socket as TLSSocket;
    const host = (req.headers.host ?? '').split(':')[0] ?? '';
    const attached = current;
    if (attached === undefined || attached.network.presentedTls(host) === undefined) {
      // Between checks, or for a peer of another check (the target still retries what it owed an earlier check's peers):
      // not this check's business, so neither in its trace nor its activity; 503 says come back later.
      req.resume();
      res.writeHead(503, { 'retry-after': '1', 'content-length': '0' }).end();
      return;
    }
    inFlight += 1;
    lastActivity = performance.now();
    void (async () => {
      try {
        const body = await readAll(req);
        const made = connectionOf(socket);
        const tlsInfo = { protocol: socket.getProtocol() ?? 'unknown', certificateSubject: host, sessionReused: socket.isSessionReused() };
        const now = presented(made?.name ?? host);
        if (made?.presentedKey !== undefined && now !== undefined && now.key !== made.presentedKey) {
          // Its host's TLS changed since this connection was made: dropped, as setHostTls drops open connections.
          attached.network.recordIncomingFailure({ host, source: attached.source, error: 'ECONNRESET', tls: tlsInfo });
          res.destroy();
          return;
        }
        const outcome = await attached.network.serveIncoming({ host, source: attached.source, method: req.method ?? 'GET', path: req.url ?? '/', headers: toFetchHeaders(req.headers), body, tls: tlsInfo });
        if (outcome.answered) writeFetchResponse(new Response(null, { status: outcome.status, headers: outcome.headers }), outcome.body, res);
        else res.destroy();
      } catch {
        res.destroy();
      } finally {
        inFlight -= 1;
        lastActivity = performance.now();
      }
    })();
  };

  const serverOptions = (legacy: boolean): https.ServerOptions => ({
    ...(() => {
      const credentials = pki.credentials([firstPeer.domain, firstPeer.dsDomain]);
      return { key: credentials.keyPem, cert: credentials.certPem };
    })(),
    ...(legacy ? { minVersion: 'TLSv1.2' as const, maxVersion: 'TLSv1.2' as const } : { minVersion: 'TLSv1.3' as const }),
    SNICallback: (servername, done) => { done(null, contextFor(servername.toLowerCase(), legacy)); },
    noDelay: true,
    keepAliveTimeout: 4_000,
    requestTimeout: 30_000,
  });
  const strict = https.createServer(serverOptions(false), onRequest);
  const legacy = https.createServer(serverOptions(true), onRequest);
  for (const server of [strict, legacy]) {
    // A handshake the target refused (a bad certificate, TLS 1.2 only): in the check's trace as an attempt without an answer.
    server.on('tlsClientError', (error: Error & { code?: string }, socket: TLSSocket) => {
      const name = (typeof socket.servername === 'string' ? socket.servername : undefined) ?? connectionOf(socket)?.name;
      const attached = current;
      if (attached === undefined || name === undefined || presented(name) === undefined) return;
      lastActivity = performance.now();
      attached.network.recordIncomingFailure({ host: name, source: attached.source, error: error.code ?? error.message, tls: null });
    });
  }

  const front = net.createServer((raw) => {
    sockets.add(raw);
    const port = raw.remotePort;
    raw.once('close', () => {
      sockets.delete(raw);
      if (port !== undefined) byPort.delete(port);
    });
    raw.on('error', () => undefined);
    raw.setTimeout(CLIENT_HELLO_MS, () => raw.destroy());
    let first = Buffer.alloc(0);
    const onData = (chunk: Buffer): void => {
      first = Buffer.concat([first, chunk]);
      const hello = clientHelloServerName(first);
      if (!hello.complete && first.length < CLIENT_HELLO_MAX) return;
      raw.off('data', onData);
      raw.pause();
      raw.setTimeout(0);
      raw.unshift(first);
      const name = hello.complete ? hello.serverName : undefined;
      const now = presented(name);
      if (port !== undefined) byPort.set(port, { name, presentedKey: now?.key });
      if (now?.handshakeFails === true) {
        current?.network.recordIncomingFailure({ host: name ?? '', source: current.source, error: 'ECONNRESET', tls: null });
        raw.destroy();
        return;
      }
      (now?.tls.tlsMaxVersion === 'TLSv1.2' ? legacy : strict).emit('connection', raw);
    };
    raw.on('data', onData);
  });
  await new Promise<void>((resolve, reject) => {
    front.once('error', reject);
    front.listen(0, '127.0.0.1', resolve);
  });
  const { port: frontPort } = front.address() as AddressInfo;
  const hosts: Record<string, { address: string; variant: 'valid' }> = {};
  for (const name of pairOf.keys()) hosts[name] = { address: `127.0.0.1:${frontPort}`, variant: 'valid' };
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
      await new Promise<void>((resolve) => { front.close(() => { resolve(); }); });
    },
  };
}
