import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import tls, { type TLSSocket } from 'node:tls';
import type { HarnessPki } from '../pki/index.js';
import { allowLoopbackPort } from './guard.js';
import type { HostEntry, TlsInfo } from './host.js';
import { readAll, toFetchHeaders } from './node-bridge.js';
import type { ExchangeResult, OutgoingExchange, ServeFunction, Transport } from './transport.js';
import { probeConnectOptions, serveNodeRequest, serverCredentials, tlsVersions, wireHeaders, type Peer } from './transport.js';
import { probeOutcome } from './tls-transport.js';

// Captured at load, before any interceptor patches the module.
const originalHttpsRequest = https.request;

/** What the sockets transport needs from the network. */
export interface SocketsTransportOptions {
  readonly pki: HarnessPki;
  readonly serve: ServeFunction;
  readonly lookup: (host: string) => HostEntry | undefined;
  /** Hosts that must not accept connections right now (crashed, or failing handshakes). */
  readonly refuses: (entry: HostEntry) => boolean;
  /** Overrides of {@link DEFAULT_LISTENER_LIMITS}. */
  readonly limits?: Partial<ListenerLimits>;
}

/**
 * What each listener allows a connection, in real milliseconds, so that a
 * slow or silent peer cannot hold it (docs/EXTERNAL.md). Connections the
 * harness's own hosts open are not counted against the per-source cap.
 *
 * @example
 * const limits: Partial<ListenerLimits> = { headersTimeoutMs: 300, requestTimeoutMs: 600 };
 */
export interface ListenerLimits {
  /** The TLS handshake must be done within this, or the socket is closed. */
  readonly handshakeTimeoutMs: number;
  /** A request's head (request line and headers) must be in within this; then 408 and close. */
  readonly headersTimeoutMs: number;
  /** A whole request, body included, must be in within this (≥ headersTimeoutMs); then 408 and close. */
  readonly requestTimeoutMs: number;
  /** A keep-alive connection with no request under way is closed after this (Node cannot go below about 1 s). */
  readonly idleTimeoutMs: number;
  /** Open connections per source address and listener; one more is closed at once, before its handshake. */
  readonly maxConnectionsPerSource: number;
}

/**
 * The limits `mimi-harness serve` runs with (docs/EXTERNAL.md).
 *
 * @example
 * createSocketsTransport({ ...options, limits: { ...DEFAULT_LISTENER_LIMITS, idleTimeoutMs: 2_000 } });
 */
export const DEFAULT_LISTENER_LIMITS: ListenerLimits = {
  handshakeTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  idleTimeoutMs: 5_000,
  maxConnectionsPerSource: 64,
};

function resolveLimits(overrides: Partial<ListenerLimits> = {}): ListenerLimits {
  const limits = { ...DEFAULT_LISTENER_LIMITS, ...overrides };
  for (const [name, value] of Object.entries(limits)) if (!Number.isInteger(value) || value < 1) throw new RangeError(`listener limit ${name} must be a positive integer, not ${value}`);
  // Node refuses a headers timeout above the request timeout.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) throw new RangeError('headersTimeoutMs must not exceed requestTimeoutMs');
  return limits;
}

/**
 * The https server options that enforce `limits`. Node checks the head and
 * request timeouts on an interval (default 30 s, which would let a slowloris
 * stay up to 30 s past its deadline), so the interval is a quarter of the
 * head timeout, at most 1 s.
 */
function serverLimitOptions(limits: ListenerLimits): https.ServerOptions {
  return {
    handshakeTimeout: limits.handshakeTimeoutMs,
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    // Node closes an idle keep-alive socket 1 s after keepAliveTimeout (HTTP_SERVER_KEEP_ALIVE_TIMEOUT_BUFFER), and 0 would mean never.
    keepAliveTimeout: Math.max(1, limits.idleTimeoutMs - 1000),
    connectionsCheckingInterval: Math.max(5, Math.min(1000, Math.floor(limits.headersTimeoutMs / 4))),
    // Each response leaves in one write (headers and body, see writeFetchResponse) and is not held back by Nagle.
    noDelay: true,
    // Pinned (Node's default, which a --max-http-header-size flag could change): a larger head is 431 (PROFILE §10).
    maxHeaderSize: 16 * 1024,
  };
}

interface Listener {
  readonly server: https.Server;
  readonly port: number;
  readonly release: () => void;
  /** Every TCP connection, handshaken or not, so that close() never waits on a half-open one. */
  readonly sockets: Set<Socket>;
}

/**
 * Real `https` listeners on 127.0.0.1, one per host, for implementations in
 * other processes or languages (`mimi-harness serve`). Requests from one
 * in-process host to another also travel over real loopback TLS. The
 * network guard admits exactly these ports.
 *
 * @example
 * const transport = createSocketsTransport({ pki, serve, lookup });
 * const port = await transport.listen!(entry);
 */
export function createSocketsTransport(options: SocketsTransportOptions): Transport & { listen(entry: HostEntry): Promise<number> } {
  const limits = resolveLimits(options.limits);
  const listeners = new Map<HostEntry, Listener>();
  const agents = new Map<string, https.Agent>();
  /** Who is behind a loopback client address and port, for requests the harness itself sends (an outside client on another 127/8 address may use the same port number). */
  const peersByPort = new Map<string, Peer>();
  const endpointOf = (address: string | undefined, port: number | undefined) => `${address ?? 'unknown'}:${port ?? -1}`;

  const onRequest = (entry: HostEntry) => (req: IncomingMessage, res: ServerResponse) => {
    const peer = peersByPort.get(endpointOf(req.socket.remoteAddress, req.socket.remotePort)) ?? { source: 'external', address: req.socket.remoteAddress ?? '127.0.0.1' };
    serveNodeRequest(entry, req, res, peer, 'sockets', options.serve);
  };

  const agentFor = (source: string): https.Agent => {
    let agent = agents.get(source);
    if (agent === undefined) {
      // `timeout` lets the agent honour the listener's `Keep-Alive: timeout=` hint and drop an idle
      // socket a second before the listener does, so that a request never lands on a closing socket.
      agent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: options.pki.caPem, minVersion: 'TLSv1.3', timeout: limits.idleTimeoutMs });
      agents.set(source, agent);
    }
    return agent;
  };

  /** A TLS connection to `entry`'s listener outside any agent, attributed to `source`. */
  const dialRaw = (entry: HostEntry, source: string, sourceAddress: string, connectOptions: tls.ConnectionOptions): TLSSocket => {
    const listener = listeners.get(entry);
    if (listener === undefined) throw new Error(`${entry.primary} has no listener`);
    const socket = tls.connect({ ...connectOptions, host: '127.0.0.1', port: listener.port, ca: options.pki.caPem });
    socket.once('connect', () => {
      if (socket.localPort !== undefined) peersByPort.set(endpointOf(socket.localAddress, socket.localPort), { source, address: sourceAddress });
    });
    return socket;
  };

  return {
    async listen(entry) {
      const credentials = serverCredentials(options.pki, entry);
      const server = https.createServer({ key: credentials.keyPem, cert: credentials.certPem, ...tlsVersions(entry), ...serverLimitOptions(limits) }, onRequest(entry));
      server.on('tlsClientError', () => undefined);
      const sockets = new Set<Socket>();
      const perSource = new Map<string, Set<Socket>>();
      const uncount = (socket: Socket, address: string) => {
        const open = perSource.get(address);
        open?.delete(socket);
        if (open?.size === 0) perSource.delete(address);
      };
      server.on('connection', (socket: Socket) => {
        // A crashed host (or one failing its handshakes) hangs up at once, for in-process and outside clients alike.
        if (options.refuses(entry)) {
          socket.destroy();
          return;
        }
        const address = socket.remoteAddress ?? 'unknown';
        const remote = endpointOf(socket.remoteAddress, socket.remotePort);
        const own = peersByPort.has(remote);
        if (!own) {
          const open = perSource.get(address) ?? new Set<Socket>();
          // Over the cap: closed before the handshake, so a flood costs no TLS work.
          if (open.size >= limits.maxConnectionsPerSource) {
            socket.destroy();
            return;
          }
          open.add(socket);
          perSource.set(address, open);
        }
        sockets.add(socket);
        socket.once('close', () => {
          sockets.delete(socket);
          uncount(socket, address);
          // The client port is free again; an outside client may get it next.
          peersByPort.delete(remote);
        });
      });
      // One of the harness's own connections whose port was not known yet at 'connection' does not count either.
      server.on('secureConnection', (tlsSocket: TLSSocket) => {
        const remote = endpointOf(tlsSocket.remoteAddress, tlsSocket.remotePort);
        if (!peersByPort.has(remote)) return;
        for (const [address, open] of perSource) for (const socket of open) if (endpointOf(socket.remoteAddress, socket.remotePort) === remote) uncount(socket, address);
      });
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
          resolve();
        });
      });
      const { port } = server.address() as AddressInfo;
      listeners.set(entry, { server, port, release: allowLoopbackPort(port), sockets });
      return port;
    },
    send(exchange: OutgoingExchange): Promise<ExchangeResult> {
      const listener = listeners.get(exchange.entry);
      if (listener === undefined) return Promise.reject(new Error(`${exchange.host} has no listener`));
      return new Promise((resolve, reject) => {
        const req = originalHttpsRequest(
          { host: '127.0.0.1', port: listener.port, servername: exchange.host, method: exchange.method, path: exchange.path, headers: wireHeaders(exchange, { withExchangeId: true }), agent: agentFor(exchange.source) },
          (res) => {
            const socket = res.socket as TLSSocket;
            const tlsInfo: TlsInfo = { protocol: socket.getProtocol() ?? 'unknown', certificateSubject: String(socket.getPeerCertificate().subject?.CN ?? ''), sessionReused: socket.isSessionReused() };
            readAll(res).then((body) => {
              resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: toFetchHeaders(res.headers), body, tls: tlsInfo });
            }, reject);
          },
        );
        req.on('socket', (socket) => {
          const remember = () => {
            if (socket.localPort !== undefined) peersByPort.set(endpointOf(socket.localAddress, socket.localPort), { source: exchange.source, address: exchange.sourceAddress });
          };
          if (socket.localPort === undefined) socket.once('connect', remember);
          else remember();
        });
        req.on('error', reject);
        req.end(exchange.body);
      });
    },
    probeTls(entry, source, sourceAddress, probe) {
      const socket = dialRaw(entry, source, sourceAddress, probeConnectOptions(entry, probe));
      return probeOutcome(socket, probe.verify === false ? undefined : () => Date.now());
    },
    openRaw(entry, source, sourceAddress, servername) {
      return dialRaw(entry, source, sourceAddress, { servername, minVersion: 'TLSv1.3' });
    },
    tlsChanged(entry) {
      const listener = listeners.get(entry);
      if (listener === undefined) return;
      const credentials = serverCredentials(options.pki, entry);
      listener.server.setSecureContext({ key: credentials.keyPem, cert: credentials.certPem, ...tlsVersions(entry) });
      for (const socket of listener.sockets) socket.destroy();
      // The agents' cached sessions belong to the old settings: fresh agents, fresh handshakes.
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
    dropConnections(entry) {
      for (const socket of listeners.get(entry)?.sockets ?? []) socket.destroy();
    },
    async close() {
      for (const agent of agents.values()) agent.destroy();
      await Promise.all(
        [...listeners.values()].map(
          (listener) =>
            new Promise<void>((resolve) => {
              for (const socket of listener.sockets) socket.destroy();
              listener.server.close(() => {
                listener.release();
                resolve();
              });
            }),
        ),
      );
      listeners.clear();
    },
  };
}
