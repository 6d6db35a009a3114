import type { Network, TraceEntryJson } from '../network/index.js';
import type { Provider } from '../provider/index.js';

/** How binding a rule is: the draft's RFC 2119 levels, or PROFILE for a rule only docs/PROFILE.md makes. */
export type CheckLevel = 'MUST' | 'SHOULD' | 'MAY' | 'PROFILE';

/** What a check found (STYLE.md item 9: never a bare boolean). */
export type CheckStatus = 'pass' | 'fail' | 'skip' | 'unsupported';

/** The role the target plays in a check (issue 10 §1). */
export type TargetRole = 'ds' | 'guest' | 'qs' | 'endpoint';

/** What the check saw: the exchanges on the wire, bodies decoded, and the expected and actual answer. */
export interface Evidence {
  readonly exchanges: readonly TraceEntryJson[];
  readonly expected?: string;
  readonly actual?: string;
}

/** One check's result, as the runner reports it. */
export interface CheckResult {
  readonly id: string;
  readonly status: CheckStatus;
  readonly evidence: Evidence;
}

/** What a check itself decides; the runner adds the id and the exchanges, so that a check can neither omit nor invent evidence. */
export interface CheckVerdict {
  readonly status: CheckStatus;
  readonly expected?: string;
  readonly actual?: string;
}

/** The target as a check sees it: names on the network, nothing of its internals. */
export interface TargetAddress {
  readonly name: string;
  readonly domain: string;
  readonly dsDomain: string;
}

/** A harness reference peer on the same network (the harness's own provider, so its internals are fair game). */
export interface Peer {
  readonly domain: string;
  readonly dsDomain: string;
  readonly provider: Provider;
}

/** Everything a check may use: the network, the target's names and the harness's own peers. */
export interface CheckContext {
  readonly network: Network;
  readonly target: TargetAddress;
  readonly peers: readonly Peer[];
  readonly seed: number;
}

/**
 * One black-box check of the catalog (issue 10 §2): a stable id, the draft
 * or profile section with a short quote, its level and the target's role.
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
  run(ctx: CheckContext): Promise<CheckVerdict>;
}
