import type { CertificateVariant } from '../pki/index.js';
import type { RemoteEndpoint } from './remote-transport.js';

/** How requests reach a host. */
export type TransportMode = 'tls' | 'direct' | 'sockets';

/** What the TLS session of an exchange looked like (null in direct mode). */
export interface TlsInfo {
  readonly protocol: string;
  readonly certificateSubject: string;
  readonly sessionReused: boolean;
}

/**
 * What a handler learns about a request besides the Request itself. The
 * body is not read before the handler runs, so that it can refuse a request
 * on its headers (profile §10: rate limit, Content-Length and size before the
 * body is read, and a cap while a chunked body streams): a POST's body is the
 * Request's own stream, and a body on GET or HEAD, which a Fetch `Request`
 * cannot hold (three endpoints of the transport draft send one), is `rawBody`.
 */
export interface ConnectionInfo {
  /** Virtual IP of the caller, for IP-based rate limiting. */
  readonly remoteAddress: string;
  /** The caller's host name (or client label). */
  readonly source: string;
  /** The body of a GET or HEAD as it comes off the wire, unread; null for other methods (their body is the Request's) and when there is none. */
  readonly rawBody: ReadableStream<Uint8Array> | null;
  /** The body comes in the chunked transfer coding (RFC 9112 §7.1), so no Content-Length announces its size. */
  readonly chunked: boolean;
  readonly transport: TransportMode;
  readonly tls: TlsInfo | null;
}

/** A host's request handler: a Fetch handler with connection details. */
export type FetchHandler = (request: Request, info: ConnectionInfo) => Promise<Response>;

/** State that survives a crash and restart of a host (its "disk"). */
export type DurableState = Map<string, unknown>;

/** A virtual host: the names it answers for and how to start it. */
export interface HostSpec {
  /** Every DNS name it serves (its provider domain and DS domain); all go on one certificate. */
  readonly names: readonly string[];
  /** Builds the handler; called again on every restart with the same durable state. */
  readonly start: (durable: DurableState) => FetchHandler;
  /** Stops the host's background work; called on a crash and before a restart. */
  readonly stop?: () => void;
  /** Which certificate it presents (negative variants for TLS checks). */
  readonly certificate?: CertificateVariant;
  /** Limit the server to TLS 1.2 (a negative check: clients must refuse it). */
  readonly tlsMaxVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** The lowest TLS version the server accepts (default TLS 1.3; `TLSv1.2` is a planted bug: the transport draft requires 1.3). */
  readonly tlsMinVersion?: 'TLSv1.2' | 'TLSv1.3';
  /** The names its certificate covers (default `names`): fewer is a negative variant, a certificate that lacks a name the host serves. */
  readonly certificateNames?: readonly string[];
}

/** What a host's TLS server presents and accepts; `Network.setHostTls` replaces it at run time. */
export type HostTls = Pick<HostSpec, 'certificate' | 'tlsMaxVersion' | 'tlsMinVersion' | 'certificateNames'>;

/** A registered host, as the network keeps it. */
export interface HostEntry {
  readonly spec: HostSpec;
  readonly primary: string;
  readonly address: string;
  readonly durable: DurableState;
  handler: FetchHandler;
  crashed: boolean;
  /** Bumped on every restart, so transports drop connections to the old process. */
  generation: number;
  /** Replaces the spec's TLS settings while set (`Network.setHostTls`). */
  tls?: HostTls;
  /** A host in another process, reached over real TLS at this loopback endpoint (`Network.addRemoteHost`). */
  readonly remote?: RemoteEndpoint;
}

/** The TLS settings a host presents now: its run-time replacement if set, else its spec's. @example hostTls(entry).certificate */
export function hostTls(entry: HostEntry): HostTls {
  return entry.tls ?? entry.spec;
}

/** A key that changes whenever what the host presents changes, for caching TLS contexts. @example tlsKey(entry) */
export function tlsKey(entry: HostEntry): string {
  const tls = hostTls(entry);
  return [tls.certificate ?? 'valid', tls.tlsMinVersion ?? '', tls.tlsMaxVersion ?? '', (tls.certificateNames ?? entry.spec.names).join(',')].join('|');
}
