import type { TransportMode, HostSpec, HostTls } from './host.js';
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
