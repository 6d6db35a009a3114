import type { DSRequestBody } from '../messages/index.js';
import { addProposal, commit, commitChangingCredential, createKeyPackage, proposeSelfRemove, receive, welcomeFor, type ClientIdentity, type Member } from '../mls/index.js';
import { embedded, type VirtualClient } from '../scenario/index.js';
import type { CheckContext, CheckVerdict } from './check.js';
import { describeOutcome, dsAttempt, type DsOutcome } from './ds-world.js';
import { groupUpdateOf, nameOf, stateIn } from './ds-craft.js';
import { refusedWithoutEffect, type PermittedRefusal } from './unchanged.js';

type Proposal = ReturnType<typeof addProposal>;
type Credential = ClientIdentity['credential'];

/** The request types that carry one member commit (DS draft "Client-initiated operations"). */
export type MemberCommitType = 'ds_add_users' | 'ds_add_clients' | 'ds_remove_users' | 'ds_remove_clients' | 'ds_update_client';

/** What {@link craftCommit} builds: the commit's DSRequestBody as any member-commit request type; nothing is sent. */
export interface CraftedCommit {
  readonly body: (type: MemberCommitType) => DSRequestBody;
}

/** What a crafted commit carries. */
export interface CommitCraft {
  /** Harness clients whose fresh KeyPackages it adds, with one Welcome per provider (DS draft "Add users to a group"). */
  readonly adding?: readonly VirtualClient[];
  /** Further proposals by value, after the Adds. */
  readonly byValue?: readonly Proposal[];
  /** The credential the committer's UpdatePath leaf carries instead of its own (see commitChangingCredential). */
  readonly credential?: Credential;
}

/**
 * A commit from `member`'s state (every proposal it holds by reference, as
 * ts-mls commits them), built but not sent: Adds of `adding`, then
 * `byValue`, and if `credential` is given an UpdatePath leaf that carries
 * it, signed with the committer's own key so that it is the only flaw.
 *
 * @example
 * const changed = await craftCommit(stateIn(alice, group), { byValue: [removeProposal(1)], credential: clientCredential(aliceTablet) });
 * await dsAttempt(ctx, group, alice, changed.body('ds_remove_users'));
 */
export async function craftCommit(member: Member, craft: CommitCraft): Promise<CraftedCommit> {
  const packages = await Promise.all((craft.adding ?? []).map(async (c) => ({ domain: c.id.user.domain, kp: (await createKeyPackage(c.identity)).publicPackage })));
  const proposals = [...packages.map((p) => addProposal(p.kp)), ...(craft.byValue ?? [])];
  const out = craft.credential === undefined ? await commit(member, proposals) : await commitChangingCredential(member, proposals, craft.credential);
  const welcome = out.welcome;
  const domains = [...new Set(packages.map((p) => p.domain))];
  if (domains.length > 0 && welcome === undefined) throw new Error('an Add commit without a Welcome');
  const welcome_messages = welcome === undefined ? [] : await Promise.all(domains.map(async (d) => embedded(await welcomeFor(welcome, packages.filter((p) => p.domain === d).map((p) => p.kp)))));
  const group_update = groupUpdateOf(out);
  return {
    body: (type) => {
      switch (type) {
        case 'ds_add_users':
          return { request_type: type, add_users_request: { group_update, welcome_messages } };
        case 'ds_add_clients':
          return { request_type: type, add_clients_request: { group_update, welcome_messages } };
        case 'ds_remove_users':
          return { request_type: type, remove_users_request: { group_update } };
        case 'ds_remove_clients':
          return { request_type: type, remove_clients_request: { group_update } };
        case 'ds_update_client':
          return { request_type: type, update_client_request: { group_update } };
      }
    },
  };
}

/**
 * `leaver` proposes its own removal through the target's DS (DS draft "Self
 * remove a client from a group"), which must take it; returns `committer`'s
 * state holding that proposal, taken straight from the bytes sent rather
 * than from the DS's fan-out. A commit from it includes the Remove by
 * reference, and so gets an UpdatePath (RFC 9420 §12.4), which an Add-only
 * commit lacks; AddUsers and AddClients may carry stored Removes (DS draft
 * "Add users to a group").
 *
 * @example
 * const alice = await holdingSelfRemove(ctx, world.group, carol, aliceClient);
 */
export async function holdingSelfRemove(ctx: CheckContext, group: Uint8Array, leaver: VirtualClient, committer: VirtualClient): Promise<Member> {
  const { proposal } = await proposeSelfRemove(stateIn(leaver, group));
  const outcome = await dsAttempt(ctx, group, leaver, { request_type: 'ds_self_remove_client', self_remove_client_request: { proposal: embedded(proposal) } });
  if (outcome.code !== 'ok') throw new Error(`the DS refused ${nameOf(leaver)}'s self-remove, which the check needs stored: ${describeOutcome(outcome)}`);
  const received = await receive(stateIn(committer, group), proposal);
  return received.member;
}

/** One violation {@link eachRefusedWithoutEffect} sends. */
export interface Violation {
  readonly what: string;
  readonly attempt: () => Promise<DsOutcome>;
}

/**
 * {@link refusedWithoutEffect} for several violations of one rule in the
 * same epoch, one after the other: each must be refused with a permitted
 * refusal and change nothing; then `nextValid` must be accepted. The first
 * failure is the verdict.
 *
 * @example
 * return eachRefusedWithoutEffect(ctx, { group, violations: [malformed, foreign], permitted: [{ status: 422, code: 'invalid_commit' }], nextValid });
 */
export async function eachRefusedWithoutEffect(ctx: CheckContext, options: { readonly group: Uint8Array; readonly violations: readonly Violation[]; readonly permitted: readonly PermittedRefusal[]; readonly nextValid: () => Promise<DsOutcome> }): Promise<CheckVerdict> {
  const expected: string[] = [];
  const actual: string[] = [];
  for (const [index, violation] of options.violations.entries()) {
    const last = index === options.violations.length - 1;
    const verdict = await refusedWithoutEffect(ctx, { group: options.group, what: violation.what, attempt: violation.attempt, permitted: options.permitted, ...(last ? { nextValid: options.nextValid } : {}) });
    if (verdict.status !== 'pass') return verdict;
    expected.push(verdict.expected ?? violation.what);
    actual.push(verdict.actual ?? 'refused');
  }
  return { status: 'pass', expected: expected.join('; '), actual: actual.join('; ') };
}
