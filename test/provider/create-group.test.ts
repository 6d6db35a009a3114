import { beforeAll, describe, expect, it } from 'vitest';
import type { Extension, LeafNode, RatchetTree } from 'ts-mls';
import { decode, encode, leafNode, mlsMessage } from '../../harness/codec/index.js';
import { dsRequest, dsResponse, MimiExtensionType, type DSRequest } from '../../harness/messages/index.js';
import { encodeLeafNode } from 'ts-mls/leafNode.js';
import { createKeyPackage, createMimiGroup, dsCredential, externalJoin, externalSendersExtension, generateSignatureKeys, mimiGroupContextExtension, toWire, type ClientIdentity, type OwnKeyPackage } from '../../harness/mls/index.js';
import { createProvider, signedDsRequest, type Provider } from '../../harness/provider/index.js';
import { BAD_SUPPORTED_VERSIONS, keyPackageWithLeafExtensions } from '../helpers/leaf-extensions.js';
import { identityFor } from '../helpers/mls-group.js';

let alpha: Provider;
let alice: ClientIdentity;

beforeAll(async () => {
  alpha = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test' });
  alice = await identityFor('alice');
});

async function call(path: string, request: DSRequest): Promise<{ status: number; body: ReturnType<typeof dsResponse.read> }> {
  const bytes = encode(dsRequest, request);
  const response = await alpha.fetch(new Request(`https://ds.alpha.test${path}`, { method: 'POST', body: bytes, headers: { 'content-type': 'application/octet-stream', 'content-length': String(bytes.length) } }));
  return { status: response.status, body: decode(dsResponse, new Uint8Array(await response.arrayBuffer())) };
}

const codeOf = (body: ReturnType<typeof dsResponse.read>) => (body.response_body.response_type === 'error' ? body.response_body.error.code : body.response_body.response_type);

async function newGroupId(): Promise<Uint8Array> {
  const { body } = await call('/group_operation', { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: { auth_type: 'anonymous' } });
  if (body.response_body.response_type !== 'group_id') throw new Error('no group id');
  return body.response_body.group_id;
}

interface CreateOptions {
  withDs?: boolean;
  kp?: OwnKeyPackage;
  signKey?: Uint8Array;
  /** The group's mimi_group_context extensions (default: one of {1, regular}). */
  mimiContext?: Extension[];
  /** Changes the LeafNode the request carries (the GroupInfo stays the creator's). */
  editLeaf?: (leaf: LeafNode) => LeafNode;
}

async function createRequest(groupId: Uint8Array, options: CreateOptions = {}): Promise<DSRequest> {
  const kp = options.kp ?? (await createKeyPackage(alice));
  const extensions = options.mimiContext ?? [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' })];
  if (options.withDs !== false) extensions.push(externalSendersExtension([{ signaturePublicKey: alpha.verificationKey, credential: dsCredential('ds.alpha.test') }]));
  const { groupInfo } = await createMimiGroup(alice, kp, groupId, extensions);
  const body: DSRequest['request_body'] = {
    request_type: 'ds_create_group',
    create_group_request: {
      group_id: groupId,
      leaf_node: decode(leafNode, encodeLeafNode((options.editLeaf ?? ((leaf) => leaf))(kp.publicPackage.leafNode))),
      group_info: decode(mlsMessage, toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo })),
    },
  };
  return signedDsRequest(options.signKey ?? alice.signatureKeyPair.signKey, body, 0);
}

describe('CreateGroup and external commit information', () => {
  it('creates a group, then serves the GroupInfo and tree an external joiner uses', async () => {
    const groupId = await newGroupId();
    const created = await call('/group_operation', await createRequest(groupId));
    expect([created.status, codeOf(created.body)]).toEqual([200, 'ok']);
    const info = await call('/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: groupId } }, authentication_data: { auth_type: 'anonymous' } });
    expect(info.status).toBe(200);
    if (info.body.response_body.response_type !== 'external_commit_info') throw new Error('no info');
    const { group_info, ratchet_tree } = info.body.response_body;
    if (group_info.value.wireformat !== 'mls_group_info') throw new Error('not a GroupInfo');
    const tree: RatchetTree = ratchet_tree.map((node) => (node === null ? undefined : node.value));
    const tablet = await identityFor('alice', 'tablet');
    const joined = await externalJoin(tablet, await createKeyPackage(tablet), group_info.value.groupInfo, tree);
    expect(joined.member.state.groupContext.epoch).toBe(1n);
  });

  it('refuses a second group with the same id, a foreign id, a missing DS, a wrong signer, and no signature', async () => {
    const groupId = await newGroupId();
    expect(codeOf((await call('/group_operation', await createRequest(groupId))).body)).toBe('ok');
    const again = await call('/group_operation', await createRequest(groupId));
    expect([again.status, codeOf(again.body)]).toEqual([409, 'group_id_in_use']);
    const foreign = await call('/group_operation', await createRequest(new Uint8Array([1, 2, 3])));
    expect([foreign.status, codeOf(foreign.body)]).toEqual([422, 'invalid_group_id']);
    const withoutDs = await call('/group_operation', await createRequest(await newGroupId(), { withDs: false }));
    expect([withoutDs.status, codeOf(withoutDs.body)]).toEqual([422, 'invalid_group_info']);
    const impostor = await generateSignatureKeys();
    const forged = await call('/group_operation', await createRequest(await newGroupId(), { signKey: impostor.signKey }));
    expect([forged.status, codeOf(forged.body)]).toEqual([403, 'invalid_signature']);
    const unsigned = await createRequest(await newGroupId());
    const anonymous = await call('/group_operation', { ...unsigned, authentication_data: { auth_type: 'anonymous' } });
    expect([anonymous.status, codeOf(anonymous.body)]).toEqual([403, 'unauthorized']);
  });

  it('external commit information: a group id of another DS is not_owner, an unknown one of this DS unknown_group', async () => {
    const ask = (groupId: Uint8Array) => call('/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: groupId } }, authentication_data: { auth_type: 'anonymous' } });
    const foreign = await ask(new Uint8Array([9]));
    expect([foreign.status, codeOf(foreign.body)]).toEqual([421, 'not_owner']);
    const unknown = await ask(await newGroupId());
    expect([unknown.status, codeOf(unknown.body)]).toEqual([404, 'unknown_group']);
  });

  it('a LeafNode that fails RFC 9420 §7.3 is invalid_leaf_node (profile §3), and the id stays free', async () => {
    const groupId = await newGroupId();
    const flipped = (bytes: Uint8Array) => bytes.map((b, i) => (i === 0 ? b ^ 1 : b));
    const badSignature = await call('/group_operation', await createRequest(groupId, { editLeaf: (leaf) => ({ ...leaf, signature: flipped(leaf.signature) }) }));
    expect([badSignature.status, codeOf(badSignature.body)]).toEqual([422, 'invalid_leaf_node']);
    // RFC 9420 §7.2: an extension the leaf carries must be listed in its capabilities.
    const unlisted = await call('/group_operation', await createRequest(groupId, { kp: await keyPackageWithLeafExtensions(alice, [...(await createKeyPackage(alice)).publicPackage.leafNode.extensions, { extensionType: 0xf0ee, extensionData: new Uint8Array(0) }]) }));
    expect([unlisted.status, codeOf(unlisted.body)]).toEqual([422, 'invalid_leaf_node']);
    expect(codeOf((await call('/group_operation', await createRequest(groupId))).body)).toBe('ok');
  });

  it('a LeafNode without a valid mimi_supported_versions listing 1 is invalid_leaf_node (profile §12)', async () => {
    const groupId = await newGroupId();
    for (const [name, extensions] of BAD_SUPPORTED_VERSIONS) {
      const answer = await call('/group_operation', await createRequest(groupId, { kp: await keyPackageWithLeafExtensions(alice, extensions) }));
      expect([answer.status, codeOf(answer.body)], name).toEqual([422, 'invalid_leaf_node']);
    }
    expect(codeOf((await call('/group_operation', await createRequest(groupId))).body)).toBe('ok');
  });

  it('mimi_group_context missing, malformed or not version 1 is invalid_group_info (profile §12)', async () => {
    const groupId = await newGroupId();
    const context = (data: number[]): Extension => ({ extensionType: MimiExtensionType.mimi_group_context, extensionData: new Uint8Array(data) });
    const cases: [string, Extension[]][] = [
      ['missing', []],
      ['truncated', [context([0x00, 0x01])]],
      ['trailing byte', [context([0x00, 0x01, 0x00, 0x00])]],
      ['version 2', [context([0x00, 0x02, 0x00])]],
      ['version 0', [context([0x00, 0x00, 0x00])]],
      ['unknown kind', [context([0x00, 0x01, 0x07])]],
    ];
    for (const [name, mimiContext] of cases) {
      const answer = await call('/group_operation', await createRequest(groupId, { mimiContext }));
      expect([answer.status, codeOf(answer.body)], name).toEqual([422, 'invalid_group_info']);
    }
    const good = await call('/group_operation', await createRequest(groupId, { mimiContext: [context([0x00, 0x01, 0x01])] }));
    expect(codeOf(good.body)).toBe('ok');
  });
});
