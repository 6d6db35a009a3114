import https from 'node:https';
import tls, { type TLSSocket } from 'node:tls';
import type { HostEntry, TlsInfo } from './host.js';
import { timedOut } from './net-errors.js';
import { readAll, toFetchHeaders } from './node-bridge.js';
import { holdExternalWait } from './real-work.js';
import { probeOutcome } from './tls-transport.js';
import { probeConnectOptions, wireHeaders, type ExchangeResult, type OutgoingExchange, type TlsProbe, type TlsProbeOptions } from './transport.js';

// Captured at load, before any interceptor patches the module (as the sockets transport does).
const originalHttpsRequest = https.request;

/** Where a remote host listens and what it is verified against. */
export interface RemoteEndpoint {
  readonly host: string;
  readonly port: number;
  /** The CA (PEM) the target's certificate must chain to. */
  readonly caPem: string;
}

/** Real-time limit of one request to a remote host (the virtual clock stands still meanwhile). */
export const REMOTE_REQUEST_TIMEOUT_MS = 10_000;

/**
 * Requests to hosts in another process (issue 11 §1), over real TLS 1.3 to
 * their loopback listener, SNI and certificate name = the host name asked
 * for, verified against the target's CA. Each wait is held as an external
 * wait (real-work.ts), so virtual time stands still while it is under way,
 * and bounded by `timeoutMs` of real time so that a silent target cannot hang a run.
 *
 * @example
 * const remote = createRemoteTransport({ timeoutMs: 5_000 });
 * const result = await remote.send(exchange);
 */
export function createRemoteTransport(options: { readonly timeoutMs?: number } = {}): {
  send(exchange: OutgoingExchange): Promise<ExchangeResult>;
  probeTls(entry: HostEntry, probe: TlsProbeOptions): Promise<TlsProbe>;
  openRaw(entry: HostEntry, servername: string): TLSSocket;
  dropConnections(entry: HostEntry): void;
  close(): void;
} {
  const timeoutMs = options.timeoutMs ?? REMOTE_REQUEST_TIMEOUT_MS;
  const agents = new Map<string, https.Agent>();
  const endpoint = (entry: HostEntry): RemoteEndpoint => {
    if (entry.remote === undefined) throw new Error(`${entry.primary} is not a remote host`);
    return entry.remote;
  };
  const agentFor = (source: string, remote: RemoteEndpoint): https.Agent => {
    const key = `${source}|${remote.port}`;
    let agent = agents.get(key);
    if (agent === undefined) {
      agent = new https.Agent({ keepAlive: true, maxSockets: 16, ca: remote.caPem, minVersion: 'TLSv1.3', timeout: 4_000 });
      agents.set(key, agent);
    }
    return agent;
  };
  return {
    send(exchange) {
      const remote = endpoint(exchange.entry);
      const done = holdExternalWait();
      const sent = new Promise<ExchangeResult>((resolve, reject) => {
        const req = originalHttpsRequest({ host: remote.host, port: remote.port, servername: exchange.host, method: exchange.method, path: exchange.path, headers: wireHeaders(exchange), agent: agentFor(exchange.source, remote) }, (res) => {
          const socket = res.socket as TLSSocket;
          const tlsInfo: TlsInfo = { protocol: socket.getProtocol() ?? 'unknown', certificateSubject: String(socket.getPeerCertificate().subject?.CN ?? ''), sessionReused: socket.isSessionReused() };
          readAll(res).then((body) => {
            resolve({ status: res.statusCode ?? 0, statusText: res.statusMessage ?? '', headers: toFetchHeaders(res.headers), body, tls: tlsInfo });
          }, reject);
        });
        const timer = setTimeout(() => req.destroy(timedOut(exchange.host, timeoutMs)), timeoutMs);
        req.once('close', () => { clearTimeout(timer); });
        req.on('error', reject);
        req.end(exchange.body);
      });
      return sent.finally(done);
    },
    probeTls(entry, probe) {
      const remote = endpoint(entry);
      const done = holdExternalWait();
      const socket = tls.connect({ ...probeConnectOptions(entry, probe), host: remote.host, port: remote.port, ca: remote.caPem });
      const timer = setTimeout(() => socket.destroy(timedOut(entry.primary, timeoutMs)), timeoutMs);
      return probeOutcome(socket, probe.verify === false ? undefined : () => Date.now()).finally(() => {
        clearTimeout(timer);
        done();
      });
    },
    openRaw(entry, servername) {
      const remote = endpoint(entry);
      const done = holdExternalWait();
      const socket = tls.connect({ host: remote.host, port: remote.port, ca: remote.caPem, servername, minVersion: 'TLSv1.3' });
      const timer = setTimeout(() => socket.destroy(timedOut(entry.primary, timeoutMs)), timeoutMs);
      socket.once('close', () => {
        clearTimeout(timer);
        done();
      });
      return socket;
    },
    dropConnections() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
    close() {
      for (const agent of agents.values()) agent.destroy();
      agents.clear();
    },
  };
}
