import https from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { TLSSocket } from 'node:tls';
import type { HarnessPki } from '../pki/index.js';
import { allowLoopbackPort } from './guard.js';
import type { HostEntry, TlsInfo } from './host.js';
import { readAll, toFetchHeaders } from './node-bridge.js';
import type { ExchangeResult, OutgoingExchange, ServeFunction, Transport } from './transport.js';
import { serveNodeRequest, tlsVersions, wireHeaders, type Peer } from './transport.js';

// Captured at load, before any interceptor patches the module.
const originalHttpsRequest = https.request;

/** What the sockets transport needs from the network. */
export interface SocketsTransportOptions {
  readonly pki: HarnessPki;
  readonly serve: ServeFunction;
  readonly lookup: (host: string) => HostEntry | undefined;
  /** Hosts that must not accept connections right now (crashed, or failing handshakes). */
  readonly refuses: (entry: HostEntry) => boolean;
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
  const listeners = new Map<HostEntry, Listener>();
  const agents = new Map<string, https.Agent>();
  /** Who is behind a loopback client port, for requests the harness itself sends. */
  const peersByPort = new Map<number, Peer>();

  const onRequest = (entry: HostEntry) => (req: IncomingMessage, res: ServerResponse) => {
    const peer = peersByPort.get(req.socket.remotePort ?? -1) ?? { source: 'external', address: req.socket.remoteAddress ?? '127.0.0.1' };
    serveNodeRequest(entry, req, res, peer, 'sockets', options.serve);
  };

  const agentFor = (source: string): https.Agent => {
    let agent = agents.get(source);
    if (agent === undefined) {
      agent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: options.pki.caPem, minVersion: 'TLSv1.3' });
      agents.set(source, agent);
    }
    return agent;
  };

  return {
    async listen(entry) {
      const credentials = options.pki.credentials(entry.spec.names, entry.spec.certificate);
      const server = https.createServer({ key: credentials.keyPem, cert: credentials.certPem, ...tlsVersions(entry), keepAliveTimeout: 0 }, onRequest(entry));
      server.on('tlsClientError', () => undefined);
      const sockets = new Set<Socket>();
      server.on('connection', (socket: Socket) => {
        // A crashed host (or one failing its handshakes) hangs up at once, for in-process and outside clients alike.
        if (options.refuses(entry)) {
          socket.destroy();
          return;
        }
        sockets.add(socket);
        socket.once('close', () => sockets.delete(socket));
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
            if (socket.localPort !== undefined) peersByPort.set(socket.localPort, { source: exchange.source, address: exchange.sourceAddress });
          };
          if (socket.localPort === undefined) socket.once('connect', remember);
          else remember();
        });
        req.on('error', reject);
        req.end(exchange.body);
      });
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
