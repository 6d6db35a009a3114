import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import type { HarnessPki, ServerCredentials } from '../pki/index.js';
import { hostTls, type ConnectionInfo, type HostEntry, type TlsInfo, type TransportMode } from './host.js';
import { afterEarlyAnswer } from './early-answer.js';
import { HOP_BY_HOP, toFetchRequest, writeFetchResponse } from './node-bridge.js';

/** One request on its way to a host. */
export interface OutgoingExchange {
  readonly source: string;
  readonly sourceAddress: string;
  readonly entry: HostEntry;
  /** The name the caller used (one of the entry's names). */
  readonly host: string;
  readonly method: string;
  /** Path and query. */
  readonly path: string;
  readonly headers: Headers;
  readonly body: Uint8Array;
  /** Names the exchange on the server side (busy accounting); sent over TLS in {@link EXCHANGE_HEADER}, never shown to handlers. */
  readonly exchangeId: string;
}

/** Carries an exchange's id from the caller's side to the server over the tls and sockets transports; removed before the handler sees the request. */
export const EXCHANGE_HEADER = 'x-mimi-harness-exchange';

/** The answer, fully read. */
export interface ExchangeResult {
  readonly status: number;
  readonly statusText: string;
  readonly headers: Headers;
  readonly body: Uint8Array;
  readonly tls: TlsInfo | null;
}

/** Calls a host's handler the way the network does (in the host's call context, errors contained). */
/** Serves one request on `entry`; `exchangeId` names the in-process exchange it belongs to, if any (busy accounting). */
export type ServeFunction = (entry: HostEntry, request: Request, info: ConnectionInfo, exchangeId?: string) => Promise<Response>;

/** Moves exchanges to hosts: over in-memory TLS, by direct call, or over loopback sockets. */
export interface Transport {
  send(exchange: OutgoingExchange): Promise<ExchangeResult>;
  /** Drops every connection to `entry` (crash, restart). */
  dropConnections(entry: HostEntry): void;
  /** Starts a real listener for `entry` and returns its port (sockets mode only). */
  listen?(entry: HostEntry): Promise<number>;
  /** One fresh TLS handshake with `entry` as a client with these options would make it, then hang up (tls and sockets modes). */
  probeTls?(entry: HostEntry, source: string, sourceAddress: string, options: TlsProbeOptions): Promise<TlsProbe>;
  /** Opens a raw TLS connection to `entry`, for bytes that no HTTP client would send (tls and sockets modes). */
  openRaw?(entry: HostEntry, source: string, sourceAddress: string, servername: string): TLSSocket;
  /** `entry`'s TLS settings changed: present the new ones to every new connection (`Network.setHostTls`). */
  tlsChanged?(entry: HostEntry): void;
  close(): Promise<void>;
}

/**
 * Headers as they arrive at the server: the caller's, without hop-by-hop
 * ones (RFC 9110 §7.6.1), plus Host and Content-Length as a real client sets them.
 */
export function wireHeaders(exchange: OutgoingExchange, options: { readonly withExchangeId?: boolean } = {}): Record<string, string> {
  const headers: Record<string, string> = {};
  exchange.headers.forEach((value, name) => {
    if (!HOP_BY_HOP.has(name)) headers[name] = value;
  });
  headers.host = exchange.host;
  if (exchange.body.length > 0 || (exchange.method !== 'GET' && exchange.method !== 'HEAD')) headers['content-length'] = String(exchange.body.length);
  else delete headers['content-length'];
  if (options.withExchangeId === true) headers[EXCHANGE_HEADER] = exchange.exchangeId;
  return headers;
}

/**
 * The TLS versions a host's server offers: TLS 1.3 only (transport draft
 * "Transport Security": 1.3 or higher), or TLS 1.2 only for the negative
 * check that clients refuse it, or (a planted bug) 1.2 and 1.3 for a host
 * whose `tlsMinVersion` is 1.2.
 */
export function tlsVersions(entry: HostEntry): { minVersion: 'TLSv1.2' | 'TLSv1.3'; maxVersion: 'TLSv1.2' | 'TLSv1.3' } {
  const tls = hostTls(entry);
  const maxVersion = tls.tlsMaxVersion ?? 'TLSv1.3';
  return { minVersion: maxVersion === 'TLSv1.2' ? 'TLSv1.2' : (tls.tlsMinVersion ?? 'TLSv1.3'), maxVersion };
}

/** The key and certificate a host presents now. @example serverCredentials(pki, entry).certPem */
export function serverCredentials(pki: HarnessPki, entry: HostEntry): ServerCredentials {
  const tls = hostTls(entry);
  return pki.credentials(tls.certificateNames ?? entry.spec.names, tls.certificate);
}

/** What a client offering only some TLS versions would see from a host (`Network.probeTls`). */
export interface TlsProbeOptions {
  /** The name sent as SNI and verified (default the host's primary name). */
  readonly servername?: string;
  readonly minVersion?: 'TLSv1.2' | 'TLSv1.3';
  readonly maxVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** Verify the certificate against the harness CA, the name and the virtual clock (default true); false to judge TLS versions alone. */
  readonly verify?: boolean;
}

/** The node:tls client options of a probe. @example tls.connect({ ...probeConnectOptions(entry, probe), socket }) */
export function probeConnectOptions(entry: HostEntry, probe: TlsProbeOptions): ConnectionOptions {
  return {
    servername: probe.servername ?? entry.primary,
    rejectUnauthorized: probe.verify !== false,
    ...(probe.minVersion === undefined ? {} : { minVersion: probe.minVersion }),
    ...(probe.maxVersion === undefined ? {} : { maxVersion: probe.maxVersion }),
  };
}

/** The outcome of one TLS handshake attempt: the negotiated protocol and certificate, or the error code the client saw. */
export type TlsProbe =
  | { readonly ok: true; readonly protocol: string; readonly certificateSubject: string; readonly altNames: readonly string[] }
  | { readonly ok: false; readonly code: string; readonly message: string };

/** Who sent a request that arrived on a server socket. */
export interface Peer {
  readonly source: string;
  readonly address: string;
}

/**
 * The server side of the tls and sockets transports: hands a Node request to
 * the host's handler as soon as its headers are in, as a Fetch Request whose
 * body is still unread (GET bodies in ConnectionInfo.rawBody), and writes the
 * answer back. A handler that answers without reading the whole body (a 413,
 * a 429) closes the connection after its answer, since what is left of the
 * body would otherwise be taken for the next request (profile §10), unless
 * the declared rest is small (DRAIN_LIMIT): that is read and dropped.
 *
 * @example
 * http.createServer((req, res) => serveNodeRequest(entry, req, res, peer, 'tls', serve));
 */
export function serveNodeRequest(entry: HostEntry, req: IncomingMessage, res: ServerResponse, peer: Peer, transport: TransportMode, serve: ServeFunction): void {
  const socket = req.socket as TLSSocket;
  void (async () => {
    try {
      const host = (req.headers.host ?? entry.primary).split(':')[0] ?? entry.primary;
      const tls: TlsInfo = { protocol: socket.getProtocol() ?? 'unknown', certificateSubject: host, sessionReused: socket.isSessionReused() };
      const exchangeId = req.headers[EXCHANGE_HEADER];
      Reflect.deleteProperty(req.headers, EXCHANGE_HEADER);
      const { request, rawBody, chunked } = toFetchRequest(req, host);
      const response = await serve(entry, request, { remoteAddress: peer.address, source: peer.source, rawBody, chunked, transport, tls }, typeof exchangeId === 'string' ? exchangeId : undefined);
      // Read first: an answer may still be made from the request's body.
      const body = new Uint8Array(await response.arrayBuffer());
      // Answered before the body was whole: drain the rest, or close after the answer (profile §10).
      if (!req.complete) afterEarlyAnswer(req, res);
      writeFetchResponse(response, body, res);
    } catch (error) {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    }
  })();
}
