import { encode, toHex } from '../codec/index.js';
import { dsRequest } from '../messages/index.js';
import { ownerOf } from '../scenario/index.js';
import type { CheckContext, CheckVerdict } from './check.js';
import { describeOutcome, settleTarget, type DsOutcome } from './ds-world.js';

/** What the outside can see of a group on the target's DS (issue 10 §1 "refused and changed nothing"). */
export interface GroupSnapshot {
  /** The status and bytes `/external_commit_information` serves for the group (hex). */
  readonly served: string;
  /** Fan-out requests the target has sent to harness peers so far. */
  readonly fanOuts: number;
}

/** Fan-out requests (`/deliver_message`) the target has sent so far, by the network's trace. @example fanOutsSoFar(ctx) */
export function fanOutsSoFar(ctx: CheckContext): number {
  return ctx.network.trace.filter((e) => e.source === ctx.target.domain && e.path === '/deliver_message').length;
}

/**
 * Reads the group as the outside sees it: the answer to an anonymous
 * ExternalCommitInfoRequest (profile §4) from the first harness peer, and
 * the number of fan-outs so far.
 *
 * @example
 * const before = await snapshotGroup(ctx, world.group);
 */
export async function snapshotGroup(ctx: CheckContext, group: Uint8Array): Promise<GroupSnapshot> {
  const body = encode(dsRequest, { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: group } }, authentication_data: { auth_type: 'anonymous' } });
  const response = await ctx.network.fetch(`https://${ownerOf(group)}/external_commit_information`, { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, ctx.peers[0]?.domain ?? 'outside');
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { served: `${response.status} ${toHex(bytes)}`, fanOuts: fanOutsSoFar(ctx) };
}

/** A refusal the draft or profile permits. */
export interface PermittedRefusal {
  readonly status: number;
  readonly code: string;
}

/** Options for {@link refusedWithoutEffect}. */
export interface RefusalExpectation {
  readonly group: Uint8Array;
  /** The violation, sent once. */
  readonly attempt: () => Promise<DsOutcome>;
  /** Every refusal that passes (the alternatives the profile permits). */
  readonly permitted: readonly PermittedRefusal[];
  /** A valid request for the same epoch, sent after the refusal; it must be accepted (`200 ok`). */
  readonly nextValid?: () => Promise<DsOutcome>;
  /** What the violation is, for the evidence. */
  readonly what: string;
}

const describePermitted = (permitted: readonly PermittedRefusal[]): string => permitted.map((p) => `${p.status} ${p.code}`).join(' or ');

/**
 * Sends a violation and judges it from outside (issue 10 §1): it must be
 * refused with a permitted status and code; afterwards the group serves the
 * same bytes, no fan-out reached any peer, and the next valid request for
 * the same epoch is still accepted.
 *
 * @example
 * return refusedWithoutEffect(ctx, { group, what: 'a commit signed by a non-member', attempt: () => dsAttempt(...), permitted: [{ status: 403, code: 'not_a_member' }] });
 */
export async function refusedWithoutEffect(ctx: CheckContext, expectation: RefusalExpectation): Promise<CheckVerdict> {
  const expected = `${expectation.what}: ${describePermitted(expectation.permitted)}, the group unchanged, no fan-out${expectation.nextValid === undefined ? '' : ', then the next valid request accepted'}`;
  await settleTarget(ctx);
  const before = await snapshotGroup(ctx, expectation.group);
  const outcome = await expectation.attempt();
  if (!expectation.permitted.some((p) => p.status === outcome.status && p.code === outcome.code)) return { status: 'fail', expected, actual: describeOutcome(outcome) };
  await settleTarget(ctx);
  const after = await snapshotGroup(ctx, expectation.group);
  if (after.fanOuts !== before.fanOuts) return { status: 'fail', expected, actual: `${describeOutcome(outcome)}, but ${after.fanOuts - before.fanOuts} fan-out request(s) went out` };
  if (after.served !== before.served) return { status: 'fail', expected, actual: `${describeOutcome(outcome)}, but /external_commit_information serves other bytes than before` };
  if (expectation.nextValid !== undefined) {
    const next = await expectation.nextValid();
    if (next.code !== 'ok') return { status: 'fail', expected, actual: `${describeOutcome(outcome)}; then the valid request got ${describeOutcome(next)}` };
  }
  return { status: 'pass', expected, actual: `${describeOutcome(outcome)}; nothing changed` };
}
