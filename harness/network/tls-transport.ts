import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { duplexPair } from 'node:stream';
import tls, { type SecureContext, type TLSSocket } from 'node:tls';
import type { HarnessPki } from '../pki/index.js';
import { tlsKey, type HostEntry, type TlsInfo } from './host.js';
import { readAll, toFetchHeaders } from './node-bridge.js';
import type { ExchangeResult, OutgoingExchange, ServeFunction, TlsProbe, Transport } from './transport.js';
import { probeConnectOptions, serveNodeRequest, serverCredentials, tlsVersions, wireHeaders, type Peer } from './transport.js';

// Captured at load, before any interceptor patches the module: the transport's own requests must not be intercepted again.
const originalHttpRequest = http.request;

/** What the TLS transport needs from the network. */
export interface TlsTransportOptions {
  readonly pki: HarnessPki;
  readonly serve: ServeFunction;
  /** The virtual clock's time: certificates are also checked against it. */
  readonly now: () => number;
  readonly lookup: (host: string) => HostEntry | undefined;
  /** Hosts whose TLS handshakes must fail (a fault). */
  readonly handshakeFails: (entry: HostEntry) => boolean;
}

interface ServerSide {
  readonly http: http.Server;
  readonly generation: number;
}

function tlsError(code: string, message: string): Error {
  return Object.assign(new Error(message), { code });
}

/** A certificate's validity window. */
interface Validity {
  readonly from: number;
  readonly to: number;
}

/**
 * Refuses a certificate outside its validity window on the virtual clock
 * (OpenSSL checks only real time). A resumed session shows no certificate,
 * so the window seen at the full handshake is used.
 */
function checkVirtualValidity(socket: TLSSocket, now: number, remembered: Validity | undefined): { error?: Error; validity?: Validity } {
  const cert = socket.getPeerCertificate();
  const validity = cert.valid_from ? { from: Date.parse(cert.valid_from), to: Date.parse(cert.valid_to) } : remembered;
  if (validity === undefined) return {};
  if (now < validity.from) return { error: tlsError('CERT_NOT_YET_VALID', 'certificate is not yet valid (virtual clock)') };
  if (now > validity.to) return { error: tlsError('CERT_HAS_EXPIRED', 'certificate has expired (virtual clock)') };
  return { validity };
}

/**
 * Waits for a probe's handshake to end and hangs up: the protocol and
 * certificate it negotiated (checked against `now` too, unless undefined), or the
 * code of the error the client saw.
 *
 * @example
 * const outcome = await probeOutcome(tls.connect({ ... }), () => clock.now());
 */
export function probeOutcome(socket: TLSSocket, now: (() => number) | undefined): Promise<TlsProbe> {
  return new Promise((resolve) => {
    let done = false;
    const end = (outcome: TlsProbe): void => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve(outcome);
    };
    socket.once('secureConnect', () => {
      const { error } = now === undefined ? {} : checkVirtualValidity(socket, now(), undefined);
      if (error !== undefined) {
        end({ ok: false, code: (error as Error & { code: string }).code, message: error.message });
        return;
      }
      const cert = socket.getPeerCertificate();
      const altNames = (cert.subjectaltname ?? '').split(',').map((n) => n.trim().replace(/^DNS:/, '')).filter((n) => n !== '');
      end({ ok: true, protocol: socket.getProtocol() ?? 'unknown', certificateSubject: String(cert.subject?.CN ?? ''), altNames });
    });
    socket.once('error', (error: Error & { code?: string }) => {
      end({ ok: false, code: error.code ?? error.name, message: error.message });
    });
    socket.once('close', () => {
      end({ ok: false, code: 'ECONNRESET', message: 'the connection closed before the handshake completed' });
    });
  });
}

/**
 * Real TLS 1.3 over in-memory duplex pairs: each client connection is a
 * `tls.connect` on one end of a `duplexPair()`, the other end a server-side
 * TLSSocket with the host's harness certificate, handed to a never-listening
 * `node:http` server. Chains and hostnames are verified by OpenSSL against
 * the harness CA; connections are kept alive per (source, host) and resume
 * their TLS sessions.
 *
 * @example
 * const transport = createTlsTransport({ pki, serve, now: clock.now, lookup, handshakeFails: () => false });
 */
export function createTlsTransport(options: TlsTransportOptions): Transport {
  const servers = new Map<HostEntry, ServerSide>();
  const peers = new WeakMap<Duplex, Peer>();
  const agents = new Map<string, http.Agent>();
  const sessions = new Map<string, Buffer>();
  const validities = new Map<string, Validity>();
  // The server's certificate subject per (source, host), as its last full handshake showed it: a resumed session
  // shows none, yet authenticates the same server (RFC 8446 §2.2). Whether a connection resumes depends on whether the
  // ticket of an earlier one has arrived yet (real time), so the trace must not tell the two apart.
  const subjects = new Map<string, string>();
  const clientSockets = new Map<HostEntry, Set<TLSSocket>>();
  // A never-listening http.Server tracks no connections (closeAllConnections does nothing), so the transport does.
  const serverSockets = new Map<HostEntry, Set<TLSSocket>>();

  const onRequest = (entry: HostEntry) => (req: IncomingMessage, res: ServerResponse) => {
    serveNodeRequest(entry, req, res, peers.get(req.socket) ?? { source: 'unknown', address: '0.0.0.0' }, 'tls', options.serve);
  };

  // One TLS context per host and TLS settings: a restarted server keeps its certificate and ticket keys, as a real one would.
  const contexts = new Map<HostEntry, { readonly key: string; readonly context: SecureContext }>();
  const contextFor = (entry: HostEntry): SecureContext => {
    const key = tlsKey(entry);
    const cached = contexts.get(entry);
    if (cached !== undefined && cached.key === key) return cached.context;
    const credentials = serverCredentials(options.pki, entry);
    const context = tls.createSecureContext({ key: credentials.keyPem, cert: credentials.certPem, ...tlsVersions(entry) });
    contexts.set(entry, { key, context });
    return context;
  };

  const serverFor = (entry: HostEntry): ServerSide => {
    const existing = servers.get(entry);
    if (existing !== undefined && existing.generation === entry.generation) return existing;
    const server = http.createServer({ keepAliveTimeout: 0 }, onRequest(entry));
    const side = { http: server, generation: entry.generation };
    servers.set(entry, side);
    return side;
  };

  /** The server end of a new connection to `entry` (nothing answers if its handshakes fail). */
  const attachServer = (entry: HostEntry, serverEnd: Duplex, source: string, sourceAddress: string): void => {
    if (options.handshakeFails(entry)) {
      // The server hangs up before the handshake completes (a TLS handshake failure fault).
      process.nextTick(() => serverEnd.end());
      return;
    }
    const side = serverFor(entry);
    // The context of the host's TLS settings now (setHostTls may have replaced them since the server was made).
    const serverSocket = new tls.TLSSocket(serverEnd, { isServer: true, secureContext: contextFor(entry) });
    serverSocket.on('error', () => undefined);
    const serverSet = serverSockets.get(entry) ?? new Set<TLSSocket>();
    serverSet.add(serverSocket);
    serverSockets.set(entry, serverSet);
    serverSocket.once('close', () => serverSet.delete(serverSocket));
    peers.set(serverSocket, { source, address: sourceAddress });
    side.http.emit('connection', serverSocket);
  };

  /** A client TLS socket to `host` over a fresh in-memory pair. */
  const dial = (entry: HostEntry | undefined, source: string, sourceAddress: string, connectOptions: tls.ConnectionOptions): TLSSocket => {
    const [clientEnd, serverEnd] = duplexPair();
    // Node 20's duplexPair does not pass a destroy to the other end: do it, so neither side waits forever on a dead peer.
    clientEnd.once('close', () => serverEnd.destroy());
    serverEnd.once('close', () => clientEnd.destroy());
    if (entry !== undefined) attachServer(entry, serverEnd, source, sourceAddress);
    const socket = tls.connect({ ...(connectOptions.secureContext === undefined ? { ca: options.pki.caPem } : {}), ...connectOptions, socket: clientEnd });
    if (entry !== undefined) {
      const set = clientSockets.get(entry) ?? new Set<TLSSocket>();
      set.add(socket);
      clientSockets.set(entry, set);
      socket.once('close', () => set.delete(socket));
    }
    return socket;
  };

  // The harness's own clients: TLS 1.3 only, trusting the harness CA. One context for all their
  // connections (building it parsed the CA certificate again for every connection); sessions are
  // still resumed per (source, host) through `session`, which is per connection.
  let clientContext: { readonly caPem: string; readonly context: SecureContext } | undefined;
  const clientContextFor = (): SecureContext => {
    if (clientContext === undefined || clientContext.caPem !== options.pki.caPem) clientContext = { caPem: options.pki.caPem, context: tls.createSecureContext({ ca: options.pki.caPem, minVersion: 'TLSv1.3' }) };
    return clientContext.context;
  };

  const connect = (source: string, sourceAddress: string, host: string): TLSSocket => {
    const sessionKey = `${source}|${host}`;
    const session = sessions.get(sessionKey);
    const socket = dial(options.lookup(host), source, sourceAddress, { servername: host, secureContext: clientContextFor(), ...(session ? { session } : {}) });
    socket.on('session', (ticket: Buffer) => sessions.set(sessionKey, ticket));
    socket.once('secureConnect', () => {
      const { error, validity } = checkVirtualValidity(socket, options.now(), validities.get(sessionKey));
      if (validity !== undefined) validities.set(sessionKey, validity);
      const subject = socket.getPeerCertificate().subject?.CN;
      if (subject !== undefined) subjects.set(sessionKey, String(subject));
      if (error !== undefined) socket.destroy(error);
    });
    return socket;
  };

  // What a connection showed does not change while it lives (TLS 1.3 has no renegotiation, RFC 8446 §4.1.2):
  // read once per socket, not per response (getPeerCertificate builds the whole certificate object each time).
  const shown = new WeakMap<TLSSocket, TlsInfo>();
  // A resumed session shows no certificate: its subject is the one the first full handshake to that host showed (`subjects`).
  const tlsInfoOf = (socket: TLSSocket, subjectKey: string): TlsInfo => {
    let info = shown.get(socket);
    if (info === undefined) {
      info = { protocol: socket.getProtocol() ?? 'unknown', certificateSubject: String(socket.getPeerCertificate().subject?.CN ?? subjects.get(subjectKey) ?? ''), sessionReused: socket.isSessionReused() };
      shown.set(socket, info);
    }
    return info;
  };

  const agentFor = (source: string, sourceAddress: string): http.Agent => {
    let agent = agents.get(source);
    if (agent === undefined) {
      agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
      (agent as unknown as { createConnection: (o: { host?: string }) => TLSSocket }).createConnection = (o) => connect(source, sourceAddress, o.host ?? '');
      agents.set(source, agent);
    }
    return agent;
  };

  return {
    send(exchange: OutgoingExchange): Promise<ExchangeResult> {
      return new Promise((resolve, reject) => {
        const req = originalHttpRequest(
          { host: exchange.host, port: 443, method: exchange.method, path: exchange.path, headers: wireHeaders(exchange, { withExchangeId: true }), agent: agentFor(exchange.source, exchange.sourceAddress) },
          (res) => {
            const tlsInfo = tlsInfoOf(res.socket as TLSSocket, `${exchange.source}|${exchange.host}`);
            readAll(res).then(
              (body) => {
                resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: toFetchHeaders(res.headers), body, tls: tlsInfo });
              },
              reject,
            );
          },
        );
        req.on('error', reject);
        req.end(exchange.body);
      });
    },
    probeTls(entry, source, sourceAddress, probe) {
      // A fresh handshake, no session resumed: the certificate is shown and verified every time.
      const socket = dial(entry, source, sourceAddress, probeConnectOptions(entry, probe));
      return probeOutcome(socket, probe.verify === false ? undefined : options.now);
    },
    openRaw(entry, source, sourceAddress, servername) {
      const socket = dial(entry, source, sourceAddress, { servername, minVersion: 'TLSv1.3' });
      socket.once('secureConnect', () => {
        const { error } = checkVirtualValidity(socket, options.now(), undefined);
        if (error !== undefined) socket.destroy(error);
      });
      return socket;
    },
    tlsChanged(entry) {
      // New connections get the new context (serverFor reads it); cached sessions of the old one are forgotten.
      for (const key of [...sessions.keys()]) if (entry.spec.names.some((name) => key.endsWith(`|${name}`))) sessions.delete(key);
      for (const socket of clientSockets.get(entry) ?? []) socket.destroy();
      for (const socket of serverSockets.get(entry) ?? []) socket.destroy();
    },
    dropConnections(entry) {
      for (const socket of clientSockets.get(entry) ?? []) socket.destroy();
      for (const socket of serverSockets.get(entry) ?? []) socket.destroy();
      servers.delete(entry);
    },
    close() {
      for (const agent of agents.values()) agent.destroy();
      for (const set of clientSockets.values()) for (const socket of set) socket.destroy();
      for (const set of serverSockets.values()) for (const socket of set) socket.destroy();
      for (const side of servers.values()) side.http.close();
      agents.clear();
      servers.clear();
      return Promise.resolve();
    },
  };
}
