import type { TransportMode, HostSpec, HostTls, TlsInfo } from './host.js';
import type { RawAnswer, RawRequest } from './raw-http.js';
import type { TlsProbe, TlsProbeOptions } from './transport.js';
import type { LinkFaults } from './faults.js';
import type { SeededRng } from './rng.js';
import type { VirtualClock } from './clock.js';
import type { TraceEntry, TraceEntryJson } from './trace.js';
import type { HarnessPki } from '../pki/index.js';
import type { ListenerLimits } from './sockets-transport.js';

/** Options for `createNetwork`. */
export interface NetworkOptions {
  readonly seed: number;
  readonly transport?: TransportMode;
  /** Virtual start time (ms since epoch); default: now, rounded to the second. */
  readonly startTime?: number;
  /** Virtual time after which an unanswered exchange fails with ETIMEDOUT. Default 30 s. */
  readonly requestTimeoutMs?: number;
  /** Sockets mode: timeouts and the per-source connection cap of the loopback listeners (default DEFAULT_LISTENER_LIMITS). */
  readonly listenerLimits?: Partial<ListenerLimits>;
}

/** A host in another process (`Network.addRemoteHost`). */
export interface RemoteHostSpec {
  readonly name: string;
  readonly origin: string;
  readonly caPem: string;
  /** Real-time limit per request (default REMOTE_REQUEST_TIMEOUT_MS). */
  readonly timeoutMs?: number;
}

/** A request from another process, as a peer front hands it to the network. */
export interface IncomingRequest {
  /** The host name it was sent to (its SNI / Host). */
  readonly host: string;
  /** Who sent it (the external target's provider domain). */
  readonly source: string;
  readonly method: string;
  readonly path: string;
  readonly headers: Headers;
  readonly body: Uint8Array;
  readonly tls: TlsInfo | null;
}

/** A connection from another process that failed before its request (Network.recordIncomingFailure). */
export interface IncomingFailure {
  readonly host: string;
  readonly source: string;
  /** A Node-style code or the TLS library's reason (e.g. ERR_SSL_TLSV1_ALERT_UNKNOWN_CA). */
  readonly error: string;
  readonly tls: TlsInfo | null;
}

/** A host's TLS as a front in another process must present it: the names it serves, its settings now, and whether its handshakes fail. */
export interface PresentedTls {
  readonly names: readonly string[];
  readonly tls: HostTls;
  readonly handshakeFails: boolean;
  /** Changes whenever what it presents changes: a connection made under another key is dropped (setHostTls drops open connections). */
  readonly key: string;
}

/** An answer to write back, or none (the connection is then closed): a crash, a drop, a partition. */
export type IncomingOutcome =
  | { readonly answered: true; readonly status: number; readonly headers: Headers; readonly body: Uint8Array }
  | { readonly answered: false; readonly reason: string };

/** Something the network noticed that an implementer should know about. */
export interface Finding {
  readonly kind: 'fetch-get-with-body' | 'tls-checks-skipped' | 'background-task-failed';
  readonly detail: string;
}

/** A host as the caller sees it after registration. */
export interface HostHandle {
  readonly names: readonly string[];
  readonly address: string;
  /** The loopback port (sockets mode only). */
  readonly port: number | null;
}

/** An in-process network of virtual hosts. */
export interface Network {
  readonly seed: number;
  readonly mode: TransportMode;
  readonly clock: VirtualClock;
  readonly rng: SeededRng;
  readonly pki: HarnessPki;
  /** The CA every host's certificate chains to (PEM). */
  readonly caPem: string;
  addHost(spec: HostSpec): Promise<HostHandle>;
  /**
   * A host in another process (issue 11 §1): requests to `name` go over real
   * TLS 1.3 to `origin` (`https://127.0.0.1:PORT`, loopback only), SNI and
   * certificate name = `name`, verified against `caPem`; they are in the
   * trace like any exchange and keep virtual time still while under way.
   * crash, restart, setHostTls and setHandshakeFailure refuse a remote host.
   */
  addRemoteHost(spec: RemoteHostSpec): Promise<HostHandle>;
  /**
   * A request that arrived from another process for one of this network's
   * hosts (a peer front, peer-front.ts): it goes through the host's link
   * faults, partitions and crashes as a request from `source`, is in the
   * trace, and resolves with the answer or with why there is none.
   */
  serveIncoming(incoming: IncomingRequest): Promise<IncomingOutcome>;
  /**
   * A connection from another process to one of this network's hosts that
   * failed before any request was read (a peer front's TLS handshake the
   * other side refused): recorded in the trace as an exchange without an
   * answer, with `error` as its code, so a check sees the attempt.
   */
  recordIncomingFailure(failure: IncomingFailure): void;
  /** What one of this network's own hosts presents now (a peer front asks before each handshake); undefined for a name it does not run. */
  presentedTls(name: string): PresentedTls | undefined;
  host(name: string): HostHandle | undefined;
  /** Runs `body` with its requests attributed to `source` (a host name or a client label). */
  run<T>(source: string, body: () => T): T;
  /**
   * Runs a host's background work (an outbox worker, say) as `source`. It
   * counts as busy like a handler, except while it sleeps on the clock or
   * waits for its own requests, so drive() never moves time under it. A
   * task that throws is recorded as a finding.
   */
  spawn(source: string, task: () => Promise<void>): void;
  /** `fetch` from `source` (default 'outside'), driven until it settles. */
  fetch(input: string | URL, init?: RequestInit, source?: string): Promise<Response>;
  /** Settles `work`, advancing virtual time whenever nothing else can progress. */
  drive<T>(work: Promise<T>, options?: { readonly maxVirtualMs?: number }): Promise<T>;
  /** Advances virtual time by `ms`, letting exchanges run. */
  advance(ms: number): Promise<void>;
  setLinkFaults(from: string, to: string, faults: LinkFaults | undefined): void;
  partition(a: readonly string[], b: readonly string[]): void;
  heal(): void;
  crash(name: string): void;
  restart(name: string): void;
  setHandshakeFailure(name: string, failing: boolean): void;
  /**
   * Replaces what a host's TLS server presents and accepts (its certificate
   * variant and names, its TLS versions) for every new connection, until
   * called again; `undefined` goes back to its spec. Open connections are
   * dropped. For the TLS checks with the target as client: a peer turns bad, then good again.
   */
  setHostTls(name: string, tls: HostTls | undefined): void;
  /**
   * One fresh TLS handshake with a host, as a client offering `options`
   * (TLS versions, SNI name, default the name given) would make it, then
   * hangs up: the negotiated protocol and certificate, or the client's
   * error code. tls and sockets modes; rejects in direct mode.
   */
  probeTls(name: string, options?: TlsProbeOptions & { readonly source?: string }): Promise<TlsProbe>;
  /**
   * Sends raw HTTP/1.1 bytes to a host over a fresh TLS connection (a
   * request no HTTP client would send: no Content-Length, a body cut short)
   * and resolves with the first whole answer, or why there was none (a
   * timeout on the virtual clock). Not in the trace. tls and sockets modes.
   */
  rawRequest(name: string, request: RawRequest, source?: string): Promise<RawAnswer>;
  /** Discovers the DS domain of a provider (profile §11), cached on the virtual clock. */
  discoverDsDomain(providerDomain: string, source?: string): Promise<string>;
  /** A snapshot of the exchanges so far. */
  readonly trace: readonly TraceEntry[];
  traceJson(options?: { readonly decodeBodies?: boolean }): TraceEntryJson[];
  /** See `traceHash` in trace.ts; `bodies: false` hashes the schedule alone. */
  traceHash(options?: { readonly bodies?: boolean }): string;
  readonly findings: readonly Finding[];
  /** Attempts to leave the process that the guard blocked. */
  readonly violations: readonly string[];
  /** Restores every global; throws NetworkLeakError if anything tried to leave the process. */
  dispose(): Promise<void>;
}

/** Thrown by `dispose()` when the guard blocked an attempt to reach the real network. */
export class NetworkLeakError extends Error {
  override readonly name = 'NetworkLeakError';
  constructor(readonly attempts: readonly string[]) {
    super(`something tried to leave the simulated network: ${attempts.join('; ')}`);
  }
}
