import { groupUpdateOf, stateIn } from '../../../harness/conformance/index.js';
import type { DSRequestBody } from '../../../harness/messages/index.js';
import { addProposal, commit, createKeyPackage, welcomeFor, type KeyPackageKind } from '../../../harness/mls/index.js';
import { embedded, type VirtualClient } from '../../../harness/scenario/index.js';

/** What {@link addCommit} builds: the commit's MLSGroupUpdate and its Welcome(s), one per provider of the added clients. */
export interface AddCommit {
  readonly body: (type: 'ds_add_users' | 'ds_add_clients') => DSRequestBody;
}

/**
 * `committer` commits Adds of fresh KeyPackages (of `kind`) of `clients`
 * (all harness clients), with one Welcome per provider of the added
 * clients (DS draft "Add users to a group"), ready to be sent as either
 * add request type; nothing is sent.
 *
 * @example
 * const add = await addCommit(bob, group, [laptop]);
 * await dsAttempt(ctx, group, bob, add.body('ds_add_users'));
 */
export async function addCommit(committer: VirtualClient, group: Uint8Array, clients: readonly VirtualClient[], kind: KeyPackageKind = 'regular'): Promise<AddCommit> {
  const packages = await Promise.all(clients.map(async (c) => ({ domain: c.id.user.domain, kp: (await createKeyPackage(c.identity, kind)).publicPackage })));
  const out = await commit(stateIn(committer, group), packages.map((p) => addProposal(p.kp)));
  if (out.welcome === undefined) throw new Error('an Add commit without a Welcome');
  const welcome = out.welcome;
  const domains = [...new Set(packages.map((p) => p.domain))];
  const welcome_messages = await Promise.all(domains.map(async (d) => embedded(await welcomeFor(welcome, packages.filter((p) => p.domain === d).map((p) => p.kp)))));
  const group_update = groupUpdateOf(out);
  return {
    body: (type) => (type === 'ds_add_users' ? { request_type: type, add_users_request: { group_update, welcome_messages } } : { request_type: type, add_clients_request: { group_update, welcome_messages } }),
  };
}
