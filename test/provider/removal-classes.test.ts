import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { groupInfoIn } from '../../harness/mls/index.js';
import { createVirtualClient, postDsRequest, type VirtualClient } from '../../harness/scenario/index.js';
import { createDsWorld, type DsWorld } from '../helpers/ds-world.js';

let world: DsWorld;
beforeEach(async () => {
  world = await createDsWorld();
});
afterEach(async () => {
  await world.federation.dispose();
});

async function settle(clients: readonly VirtualClient[]): Promise<void> {
  await world.federation.settle();
  for (const c of clients) await c.sync();
}

/** The epoch of the GroupInfo ds.alpha.test serves for `group` (DS draft "DS assisted joining"). */
async function servedEpoch(group: Uint8Array): Promise<bigint | undefined> {
  const info = await postDsRequest(world.federation.network, 'beta.test', 'ds.alpha.test', '/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: group } }, authentication_data: { auth_type: 'anonymous' } });
  if (info.response_type !== 'external_commit_info') throw new Error(`expected external_commit_info, got ${info.response_type}`);
  return groupInfoIn(info.group_info.value)?.groupContext.epoch;
}

/** Issue 9 §2, profile §14: a removal that leaves the committer alone is kept or deleted as its request type says. */
describe('removing the last other member', () => {
  it('ds_remove_users of bob from a two-member group keeps the group: GroupInfo still served, alice adds again', async () => {
    const { alice, bob } = world;
    const group = await alice.createGroup();
    await alice.addUsers(group, [bob.id]);
    await settle([alice, bob]);
    expect(bob.member(group)).toBeDefined();
    await alice.removeUsers(group, [bob.id.user]);
    await settle([alice, bob]);
    expect(bob.member(group)).toBeUndefined();
    const kept = world.federation.provider('alpha.test').group(group);
    expect(kept?.groupContext.epoch).toBe(2n);
    expect(await servedEpoch(group)).toBe(2n);
    await alice.addUsers(group, [bob.id]);
    await settle([alice, bob]);
    await alice.send(group, 'welcome back');
    await settle([alice, bob]);
    expect(bob.received.map((r) => r.text)).toEqual(['welcome back']);
  });

  it('ds_remove_clients of one’s own last other device keeps the group', async () => {
    const { alice } = world;
    const laptop = await createVirtualClient(world.federation, { user: alice.id.user, client_name: 'laptop' });
    const group = await alice.createGroup();
    await alice.addClients(group, [laptop.id]);
    await settle([alice, laptop]);
    expect(laptop.member(group)).toBeDefined();
    await alice.removeClients(group, [laptop.id]);
    await settle([alice, laptop]);
    expect(laptop.member(group)).toBeUndefined();
    expect(world.federation.provider('alpha.test').group(group)?.groupContext.epoch).toBe(2n);
    expect(await servedEpoch(group)).toBe(2n);
  });

  it('ds_delete_group still deletes the group, and a removal that is neither users nor clients is only delete_group', async () => {
    const { alice, bob, carol } = world;
    await alice.deleteGroup(world.group);
    expect(world.federation.provider('alpha.test').group(world.group)).toBeUndefined();
    await settle([alice, bob, carol]);
    expect(bob.member(world.group)).toBeUndefined();
    // alice removes her laptop and bob in one commit: not remove_users nor remove_clients.
    const laptop = await createVirtualClient(world.federation, { user: alice.id.user, client_name: 'laptop' });
    const group = await alice.createGroup();
    await alice.addClients(group, [laptop.id]);
    await alice.addUsers(group, [bob.id]);
    await settle([alice, laptop, bob]);
    await expect(alice.removeClients(group, [laptop.id, bob.id])).rejects.toMatchObject({ code: 'invalid_commit' });
    expect(world.federation.provider('alpha.test').group(group)?.groupContext.epoch).toBe(2n);
  });
});
