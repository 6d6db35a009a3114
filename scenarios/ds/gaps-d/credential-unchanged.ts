import { craftCommit, dsAttempt, groupOnTarget, harnessClient, holdingSelfRemove, memberAt, nameOf, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict, type CommitCraft, type MemberCommitType, type TargetGroup } from '../../../harness/conformance/index.js';
import { clientIdText, type ClientId } from '../../../harness/messages/index.js';
import { clientCredential, leafIndexOf, removeProposal, type Member } from '../../../harness/mls/index.js';
import type { VirtualClient } from '../../../harness/scenario/index.js';

/** A valid commit of one request type, about to get a changed credential. */
interface Staged {
  readonly world: TargetGroup;
  readonly committer: VirtualClient;
  /** The committer's state to commit from (with a stored self-remove, for the Add-only request types). */
  readonly member: Member;
  readonly craft: CommitCraft;
  readonly what: string;
}

/** An Add-only commit has no UpdatePath (RFC 9420 §12.4); a stored self-remove by carol, included by reference, gives it one. */
async function addUsers(ctx: CheckContext): Promise<Staged> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  const dave = await harnessClient(ctx, { user: 'dave', peer: 1 });
  return { world, committer: alice, member: await holdingSelfRemove(ctx, world.group, memberAt(world, 2), alice), craft: { adding: [dave] }, what: "alice's commit adding dave (and carol's stored self-remove)" };
}

async function removeUsers(ctx: CheckContext): Promise<Staged> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const alice = memberAt(world, 0);
  return { world, committer: alice, member: stateIn(alice, world.group), craft: { byValue: [removeProposal(leafIndexOf(stateIn(memberAt(world, 1), world.group)))] }, what: "alice's commit removing bob" };
}

async function addClients(ctx: CheckContext): Promise<Staged> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const bob = memberAt(world, 1);
  const laptop = await harnessClient(ctx, { user: 'bob', peer: 1, device: 'laptop' });
  return { world, committer: bob, member: await holdingSelfRemove(ctx, world.group, memberAt(world, 2), bob), craft: { adding: [laptop] }, what: "bob's commit adding his laptop (and carol's stored self-remove)" };
}

async function removeClients(ctx: CheckContext): Promise<Staged> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }, { user: 'bob', peer: 1, device: 'laptop' }]);
  const bob = memberAt(world, 1);
  return { world, committer: bob, member: stateIn(bob, world.group), craft: { byValue: [removeProposal(leafIndexOf(stateIn(memberAt(world, 2), world.group)))] }, what: "bob's commit removing his laptop" };
}

/** Another valid ClientID of the committer's own user: a device not in the group (profile §2). */
const tabletOf = (committer: VirtualClient): ClientId => ({ user: committer.id.user, client_name: 'tablet' });

function run(type: MemberCommitType, stage: (ctx: CheckContext) => Promise<Staged>): (ctx: CheckContext) => Promise<CheckVerdict> {
  return async (ctx) => {
    const { world, committer, member, craft, what } = await stage(ctx);
    const tablet = tabletOf(committer);
    const changed = await craftCommit(member, { ...craft, credential: clientCredential(tablet) });
    const valid = await craftCommit(member, craft);
    return refusedWithoutEffect(ctx, {
      group: world.group,
      what: `${what} as ${type}, whose UpdatePath changes ${nameOf(committer)}'s credential to ${clientIdText(tablet)}`,
      attempt: () => dsAttempt(ctx, world.group, committer, changed.body(type)),
      permitted: [{ status: 422, code: 'invalid_commit' }],
      nextValid: () => dsAttempt(ctx, world.group, committer, valid.body(type)),
    });
  };
}

const QUOTE = 'The commit MUST NOT change the sender’s client credential.';

/**
 * DS draft "Add users to a group": "The commit MUST NOT change the sender’s
 * client credential." Profile §12 refuses it with `invalid_commit`. The
 * committer's UpdatePath leaf names another ClientID of its own user (a
 * device not in the group), signed with its own key; the same commit
 * without the change is accepted.
 *
 * @example
 * await runCatalog({ target, checks: [addUsersCredentialUnchanged], seed: 1 });
 */
export const addUsersCredentialUnchanged: Check = { id: 'ds.add-users.credential-unchanged', section: 'DS draft "Add users to a group"; PROFILE §12', quote: QUOTE, level: 'MUST', role: 'ds', run: run('ds_add_users', addUsers) };

/**
 * DS draft "Remove users from a group": the commit MUST NOT change the
 * sender's client credential (profile §12, `invalid_commit`); as
 * {@link addUsersCredentialUnchanged}, for RemoveUsers.
 *
 * @example
 * await runCatalog({ target, checks: [removeUsersCredentialUnchanged], seed: 1 });
 */
export const removeUsersCredentialUnchanged: Check = { id: 'ds.remove-users.credential-unchanged', section: 'DS draft "Remove users from a group"; PROFILE §12', quote: QUOTE, level: 'MUST', role: 'ds', run: run('ds_remove_users', removeUsers) };

/**
 * DS draft "Add clients to a group": the commit MUST NOT change the
 * sender's client credential (profile §12, `invalid_commit`); as
 * {@link addUsersCredentialUnchanged}, for AddClients.
 *
 * @example
 * await runCatalog({ target, checks: [addClientsCredentialUnchanged], seed: 1 });
 */
export const addClientsCredentialUnchanged: Check = { id: 'ds.add-clients.credential-unchanged', section: 'DS draft "Add clients to a group"; PROFILE §12', quote: QUOTE, level: 'MUST', role: 'ds', run: run('ds_add_clients', addClients) };

/**
 * DS draft "Remove clients from a group": the commit MUST NOT change the
 * sender's client credential (profile §12, `invalid_commit`); as
 * {@link addUsersCredentialUnchanged}, for RemoveClients.
 *
 * @example
 * await runCatalog({ target, checks: [removeClientsCredentialUnchanged], seed: 1 });
 */
export const removeClientsCredentialUnchanged: Check = { id: 'ds.remove-clients.credential-unchanged', section: 'DS draft "Remove clients from a group"; PROFILE §12', quote: QUOTE, level: 'MUST', role: 'ds', run: run('ds_remove_clients', removeClients) };
