import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encode } from '../../harness/codec/index.js';
import { dsRequest, MimiExtensionType, type DSRequestBody } from '../../harness/messages/index.js';
import {
  addProposal,
  checkCommitLeaves,
  commit,
  commitReinit,
  createIdentity,
  createKeyPackage,
  createMimiGroup,
  DsRefusal,
  externalJoin,
  fromWire,
  groupInfoIn,
  proposeAsDs,
  treeFromNodes,
  welcomeFor,
} from '../../harness/mls/index.js';
import { embedded, postDsRequest } from '../../harness/scenario/index.js';
import { attempt, clientOf, createDsWorld, expectRefused, groupUpdateOf, memberIn, type DsWorld } from '../helpers/ds-world.js';
import { BAD_SUPPORTED_VERSIONS, keyPackageWithLeafExtensions, supportedVersions } from '../helpers/leaf-extensions.js';
import { createWorld } from '../helpers/mls-group.js';

// One world for the file: each refusal changes nothing (checked), and the accepted requests come last.
let world: DsWorld;
beforeAll(async () => {
  world = await createDsWorld(23);
});
afterAll(async () => {
  await world.federation.dispose();
});

const commitInfoRequest = (groupId: Uint8Array) => encode(dsRequest, { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: groupId } }, authentication_data: { auth_type: 'anonymous' } });

/** The bytes /external_commit_information serves for the world's group: seen from outside, a refusal must leave them as they were. */
async function servedInfo(): Promise<string> {
  const response = await world.federation.network.fetch('https://ds.alpha.test/external_commit_information', { method: 'POST', body: commitInfoRequest(world.group), headers: { 'content-type': 'application/octet-stream' } }, 'beta.test');
  expect(response.status).toBe(200);
  return Buffer.from(await response.arrayBuffer()).toString('hex');
}

/** expectRefused (tracker state, outbox, queues unchanged) and the served GroupInfo byte-identical. */
async function refusedFromOutside(run: () => ReturnType<typeof attempt>, expected: Parameters<typeof expectRefused>[2]): Promise<void> {
  const before = await servedInfo();
  await expectRefused(world, run, expected);
  expect(await servedInfo()).toBe(before);
}

describe('mimi_supported_versions on every LeafNode the DS takes in (profile §12)', () => {
  it('an Add of a KeyPackage whose leaf has no valid mimi_supported_versions listing 1 is invalid_proposal', async () => {
    const eve = await createIdentity(clientOf('eve', 'beta.test'));
    for (const [name, extensions] of BAD_SUPPORTED_VERSIONS) {
      const kp = await keyPackageWithLeafExtensions(eve, extensions);
      const out = await commit(memberIn(world, world.alice), [addProposal(kp.publicPackage)]);
      const welcome = await welcomeFor(out.welcome ?? never(), [kp.publicPackage]);
      const body: DSRequestBody = { request_type: 'ds_add_users', add_users_request: { group_update: groupUpdateOf(out), welcome_messages: [embedded(welcome)] } };
      await refusedFromOutside(() => attempt(world, world.alice, body), [422, 'invalid_proposal']).catch((error: unknown) => {
        throw new Error(`mimi_supported_versions ${name}: ${String(error)}`);
      });
    }
  });

  it('a ReInit whose new group has a malformed mimi_group_context, or one not of version 1, is invalid_proposal', async () => {
    for (const data of [[0x00, 0x01], [0x00, 0x02, 0x00], [0x00, 0x01, 0x00, 0x00]]) {
      const idAnswer = await postDsRequest(world.federation.network, 'alpha.test', 'ds.alpha.test', '/group_operation', { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: { auth_type: 'anonymous' } });
      if (idAnswer.response_type !== 'group_id') throw new Error(idAnswer.response_type);
      const reinit = await commitReinit(memberIn(world, world.alice), idAnswer.group_id, [{ extensionType: MimiExtensionType.mimi_group_context, extensionData: new Uint8Array(data) }]);
      const body: DSRequestBody = { request_type: 'ds_re_initialize_group', re_initialize_group_request: { commit: groupUpdateOf(reinit) } };
      await refusedFromOutside(() => attempt(world, world.alice, body), [422, 'invalid_proposal']);
    }
  });

  it('an Add of a KeyPackage listing version 1 among unknown ones is taken', async () => {
    const eve = await createIdentity(clientOf('eve', 'beta.test'));
    const kp = await keyPackageWithLeafExtensions(eve, [supportedVersions([7, 1])]);
    const out = await commit(memberIn(world, world.alice), [addProposal(kp.publicPackage)]);
    const welcome = await welcomeFor(out.welcome ?? never(), [kp.publicPackage]);
    expect(await attempt(world, world.alice, { request_type: 'ds_add_users', add_users_request: { group_update: groupUpdateOf(out), welcome_messages: [embedded(welcome)] } })).toEqual([200, 'ok']);
    await world.federation.settle();
    for (const c of world.everyone) await c.sync();
  });

  it('an external join whose new leaf has no mimi_supported_versions is invalid_commit; with one it is taken', async () => {
    const info = await postDsRequest(world.federation.network, 'beta.test', 'ds.alpha.test', '/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: world.group } }, authentication_data: { auth_type: 'anonymous' } });
    if (info.response_type !== 'external_commit_info') throw new Error('no commit info');
    const groupInfo = groupInfoIn(info.group_info.value) ?? never();
    const laptop = world.bobLaptop.identity;
    const bad = await externalJoin(laptop, await keyPackageWithLeafExtensions(laptop, []), groupInfo, treeFromNodes(info.ratchet_tree));
    const joinBody = (out: typeof bad): DSRequestBody => ({ request_type: 'ds_external_join', external_join_request: { group_update: { commit: embedded(out.commit), partial_group_info: out.partialGroupInfo } } });
    await refusedFromOutside(() => attempt(world, world.bobLaptop, joinBody(bad), { anonymous: true }), [422, 'invalid_commit']);
    const good = await externalJoin(laptop, await createKeyPackage(laptop), groupInfo, treeFromNodes(info.ratchet_tree));
    expect(await attempt(world, world.bobLaptop, joinBody(good), { anonymous: true })).toEqual([200, 'ok']);
  });
});

describe('mimi_supported_versions in the tracker (profile §12)', () => {
  it('a member commit whose UpdatePath leaf lacks it is refused as invalid_commit', async () => {
    // A group whose creator's leaf never had the extension (only a DS that skipped the check would hold one):
    // ts-mls copies the leaf's extensions into the UpdatePath's new leaf.
    const alice = await createIdentity(clientOf('alice', 'alpha.test'));
    const { member } = await createMimiGroup(alice, await keyPackageWithLeafExtensions(alice, []), new Uint8Array([1, 2, 3]), []);
    const out = await commit(member);
    const refusal = (() => {
      try {
        checkCommitLeaves(fromWire(out.commit));
        return undefined;
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(DsRefusal);
    expect(refusal).toMatchObject({ reason: 'invalid_commit' });
    const good = await createMimiGroup(alice, await createKeyPackage(alice), new Uint8Array([1, 2, 4]), []);
    const goodCommit = fromWire((await commit(good.member)).commit);
    expect(() => {
      checkCommitLeaves(goodCommit);
    }).not.toThrow();
  });

  it('a DS-proposed Add of a KeyPackage without it is invalid_proposal, and nothing is stored', async () => {
    const tracker = await createWorld();
    const eve = await createIdentity(clientOf('eve', 'alpha.test'));
    const kp = await keyPackageWithLeafExtensions(eve, []);
    const refusal = await proposeAsDs(tracker.ds, addProposal(kp.publicPackage), tracker.dsKeys).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(DsRefusal);
    expect(refusal).toMatchObject({ reason: 'invalid_proposal' });
    expect(Object.keys(tracker.ds.unappliedProposals)).toEqual([]);
  });
});

function never(): never {
  throw new Error('unexpected undefined');
}
