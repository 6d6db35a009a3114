import type { Network, TraceEntryJson, TransportMode } from '../network/index.js';
import type { Provider, RateLimits } from '../provider/index.js';
import type { ClientHome } from '../scenario/index.js';
import type { TargetControl } from './control.js';

/** How binding a rule is: the draft's RFC 2119 levels, or PROFILE for a rule only docs/PROFILE.md makes. */
export type CheckLevel = 'MUST' | 'SHOULD' | 'MAY' | 'PROFILE';

/** What a check found (STYLE.md item 9: never a bare boolean). */
export type CheckStatus = 'pass' | 'fail' | 'skip' | 'unsupported';

/** The role the target plays in a check (issue 10 §1). */
export type TargetRole = 'ds' | 'guest' | 'qs' | 'endpoint' | 'client';

/**
 * What a check needs beyond the target's wire:
 * - `control`: the target's optional control interface (its own clients);
 * - `tls`: a transport with TLS (not `direct`);
 * - `budgets`: the target's declared rate-limit budgets;
 * - `faults`: fault injection on the harness's peers and links;
 * - `target-time`: the target's own time must move with the virtual clock
 *   (rate-limit recovery, retries and expiry at the target); an external
 *   target runs on real time, so such a check is `skip` against it;
 * - `target-crash`: the harness crashes and restarts the target, which it
 *   cannot do to another process (`skip` against an external target);
 * - `fresh-target`: the check needs a target with no state of earlier
 *   checks (an external target keeps its state for the whole run).
 */
export type CheckNeed = 'control' | 'tls' | 'budgets' | 'faults' | 'target-time' | 'target-crash' | 'fresh-target';

/** What the check saw: the exchanges on the wire, bodies decoded, and the expected and actual answer. */
export interface Evidence {
  readonly exchanges: readonly TraceEntryJson[];
  readonly expected?: string;
  readonly actual?: string;
  /** An external target's health after a timeout or an error: whether its discovery endpoint still answered. */
  readonly targetHealth?: string;
}

/** One check's result, as the runner reports it (issue 10 §5: the JSON form of a result). */
export interface CheckResult {
  readonly id: string;
  readonly section: string;
  readonly level: CheckLevel;
  readonly status: CheckStatus;
  readonly seed: number;
  /** Real time the check took; the only field that differs between two runs of one seed. */
  readonly durationMs: number;
  /** {@link Network.traceHash} of the check's network, schedule only (MLS randomness is not seeded). */
  readonly traceHash: string;
  readonly evidence: Evidence;
  /** The one-line command that reproduces this result exactly (issue 10 §5). */
  readonly replay: string;
  /**
   * Why this check is expected to fail against this target, as the target's
   * config declares it (issue 11 §3: what an implementation leaves out). An
   * expected failure is reported as such and does not fail the run.
   */
  readonly expectedFailure?: string;
}

/** What a check itself decides; the runner adds the id and the exchanges, so that a check can neither omit nor invent evidence. */
export interface CheckVerdict {
  readonly status: CheckStatus;
  readonly expected?: string;
  readonly actual?: string;
  /** For a property check: the shrunk counterexample's fast-check path, which `replay --path` takes back. */
  readonly path?: string;
}

/** The target as a check sees it: names on the network and what it declares, nothing of its internals. */
export interface TargetAddress {
  readonly name: string;
  readonly domain: string;
  readonly dsDomain: string;
  /** The rate-limit budgets the target declares (issue 10 §3 rate-limit), if it does. */
  readonly budgets?: RateLimits;
}

/** A harness reference peer on the same network (the harness's own provider, so its internals are fair game). */
export interface Peer {
  readonly domain: string;
  readonly dsDomain: string;
  readonly provider: Provider;
  /** The first message_id its provider uses (profile §13); ids a check makes up itself start far past it. */
  readonly firstMessageId: bigint;
}

/** Everything a check may use: the network, the target's names, the harness's own peers and, if the target has one, its control interface. */
export interface CheckContext {
  readonly network: Network;
  readonly transport: TransportMode;
  readonly target: TargetAddress;
  readonly peers: readonly Peer[];
  /** The harness peers as a home for virtual clients (`createVirtualClient(ctx.home, id)`). */
  readonly home: ClientHome;
  readonly control?: TargetControl;
  readonly seed: number;
  /** A fast-check path to replay (from `mimi-harness replay --path`); property checks pass it to fc.assert. */
  readonly path?: string;
  /** Runs per property check (property checks only; default theirs). */
  readonly numRuns?: number;
  /**
   * Present for an external target (issue 11 §1): waits in real time until
   * no request from the target has arrived for a quiet period, bounded
   * (its background work, a fan-out, is then over). settleTarget calls it.
   */
  readonly targetQuiet?: (options?: { readonly fromNow?: boolean }) => Promise<void>;
  /** Whether the target runs in another process (reached over loopback TLS). */
  readonly external?: boolean;
  /**
   * For an external target: the real time this check has spent so far in
   * deliberate waits for the target's own clock ({@link realWait}). The
   * runner's per-check timeout does not count it: the timeout is about a
   * target that stops answering, not about a refill the check waits for.
   */
  readonly realWaits?: { waitedMs: number };
}

/**
 * One black-box check of the catalog (issue 10 §2): a stable id, the draft
 * or profile section with a short quote, its level, the target's role, what
 * it needs, and the alternatives the draft permits (so legal behaviour passes).
 *
 * @example
 * const check: Check = { id: 'transport.http.method-not-allowed', section: 'PROFILE §10', quote: 'wrong method: 405', level: 'PROFILE', role: 'endpoint', run: async (ctx) => ({ status: 'pass' }) };
 */
export interface Check {
  readonly id: string;
  readonly section: string;
  readonly quote: string;
  readonly level: CheckLevel;
  readonly role: TargetRole;
  readonly needs?: readonly CheckNeed[];
  /** The behaviours the draft and profile permit, each of which passes (for example "421 or 403"). */
  readonly alternatives?: readonly string[];
  /** How many harness peers the check's network has (default 2, at most {@link PEER_DOMAINS}.length). */
  readonly peers?: number;
  run(ctx: CheckContext): Promise<CheckVerdict>;
}
