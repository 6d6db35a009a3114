import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/**
 * Byte examples of the profile's structs, written by hand from the field
 * definitions in docs/PROFILE.md (§1–§12, after the drafts), with the JSON
 * value each must decode to (PROFILE.md "Conventions": an enum is its name,
 * opaque is hex, uint64 a decimal string). Spaces separate fields. Nothing
 * here comes from the harness's encoder.
 */
export interface Pinned {
  /** The registry name of the struct. */
  readonly name: string;
  readonly what: string;
  readonly hex: string;
  readonly json: unknown;
  /** Set when the example is one of PROFILE.md's own: the section it is in. */
  readonly profile?: string;
  /** The JSON has matchers (an MLS tree), so the value encoded back is the decoded one, not `json`. */
  readonly encodeDecoded?: true;
}

// Hand-encoded pieces: a <V> length (one byte below 64) and the ASCII bytes.
const ALICE = '05 616c696365'; // opaque user_name<V> "alice"
const A_TEST = '06 612e74657374'; // FQDN "a.test"
const PHONE = '05 70686f6e65'; // opaque client_name<V> "phone"
const BOB = '03 626f62'; // "bob"
const BETA_TEST = '09 626574612e74657374'; // FQDN "beta.test"
const DS_ALPHA = '0d 64732e616c7068612e74657374'; // FQDN "ds.alpha.test" (13 bytes)
const DS_BETA = '0c 64732e626574612e74657374'; // FQDN "ds.beta.test" (12 bytes)
const CLIENT = `${ALICE} ${A_TEST} ${PHONE}`; // ClientID phone/alice@a.test, 19 bytes
const GROUP_ID = `${DS_ALPHA} 01 01`; // MimiGroupId {ds.alpha.test, local_id 01}, 16 bytes
const KEY = '11'.repeat(32);

const alice = { user_name: 'alice', domain: 'a.test' };
const phone = { user: alice, client_name: 'phone' };
const bob = { user_name: 'bob', domain: 'beta.test' };
const groupIdHex = '0d64732e616c7068612e746573740101';

/** The frame of a KeyPackage request from ds.beta.test to ds.alpha.test for bob@beta.test (§5), message_id 1. */
const FRAME = `0001 ${DS_BETA} ${DS_ALPHA} 0000000000000001 ${BOB} ${BETA_TEST}`;
const frame = { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test', message_id: '1', requester: bob };

/**
 * MLS values from the MLS working group's messages.json (fixtures/mls-wg,
 * entry 0): bytes from outside the harness, to embed in the MIMI structs.
 */
const wg = (JSON.parse(readFileSync(new URL('../../fixtures/mls-wg/messages.json', import.meta.url), 'utf8')) as Record<string, string>[])[0] ?? {};
const mls = (field: string): string => {
  const value = wg[field];
  if (value === undefined) throw new Error(`no ${field} in messages.json`);
  return value;
};
/** An embedded MLS value in the JSON form: its hex is what is read back (PROFILE.md "Conventions"). */
const embedded = (hexBytes: string) => ({ hex: hexBytes, value: expect.anything() as unknown });
/** A <V> length header by hand (RFC 9420 §2.1.2): 1 byte below 64, 2 bytes (0b01 prefix) below 16384. */
const v = (hexBytes: string): string => {
  const n = hexBytes.replace(/\s+/g, '').length / 2;
  return n < 64 ? n.toString(16).padStart(2, '0') : (0x4000 | n).toString(16).padStart(4, '0');
};
const WELCOME = mls('mls_welcome');
const COMMIT = mls('public_message_commit');
const PROPOSAL = mls('public_message_proposal');
const PRIVATE = mls('private_message');
const GROUP_INFO = mls('mls_group_info');
const TREE = mls('ratchet_tree'); // already a RatchetTree, optional<Node> ratchet_tree<V>, with its header
const KEY_PACKAGE = mls('mls_key_package').slice(8); // the KeyPackage without the MLSMessage header (version 0001, wire format 0005)
const PARTIAL = '06 f0d1 03 020001 02 aabb';
const partial = { group_info_extensions: [{ extension_type: 0xf0d1, extension_data: '020001' }], signature: 'aabb' };
const UPDATE = `${COMMIT} ${PARTIAL}`; // MLSGroupUpdate: MLSMessage commit; PartialGroupInfo
const update = { commit: embedded(COMMIT), partial_group_info: partial };
const FANOUT = `0001 ${DS_ALPHA} ${DS_BETA} 0000000000000007 13 ${CLIENT} ${WELCOME}`;
const fanout = { protocol_version: 1, sender: 'ds.alpha.test', recipient: 'ds.beta.test', message_id: '7', recipient_ids: [phone], mls_message: embedded(WELCOME) };

/**
 * Registry structs without a pinned example: the RFC 9420 values (the MLS
 * working group's own vectors check them, test/codec/mls) and
 * CreateGroupRequest, whose LeafNode has no stand-alone example in those vectors.
 */
export const NOT_PINNED = ['MLSMessage', 'KeyPackage', 'LeafNode', 'GroupInfo', 'Node', 'RatchetTree', 'CreateGroupRequest'] as const;

export const PINNED: readonly Pinned[] = [
  // PROFILE.md's own worked examples.
  { name: 'DSRequest', what: 'ds_request_group_id, anonymous', hex: '0001 00 00', json: { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: { auth_type: 'anonymous' } }, profile: '§1' },
  { name: 'DSResponse', what: 'error rate_limited "slow"', hex: '0001 01 0016 04 736c6f77', json: { protocol_version: 1, response_body: { response_type: 'error', error: { code: 'rate_limited', message: 'slow' } } }, profile: '§1' },
  { name: 'ClientID', what: 'phone/alice@a.test', hex: CLIENT, json: phone, profile: '§2' },
  { name: 'DSDomainResponse', what: 'ds.alpha.test', hex: DS_ALPHA, json: { ds_domain: 'ds.alpha.test' }, profile: '§11' },
  { name: 'MimiGroupContext', what: '{1, connection}', hex: '0001 01', json: { protocol_version: 1, kind: 'connection' }, profile: '§12' },
  { name: 'MimiSupportedVersions', what: '{[1]}', hex: '02 0001', json: { versions: [1] }, profile: '§12' },

  // §2 identifiers
  { name: 'FQDN', what: 'ds.alpha.test', hex: DS_ALPHA, json: 'ds.alpha.test' },
  { name: 'UserID', what: 'alice@a.test', hex: `${ALICE} ${A_TEST}`, json: alice },
  { name: 'MimiGroupId', what: 'ds.alpha.test, local_id<1..255> with a 1-byte length', hex: `${DS_ALPHA} 02 0102`, json: { ds_domain: 'ds.alpha.test', local_id: '0102' } },

  // §1 building blocks and DS requests
  { name: 'Extension', what: 'mimi_supported_versions (0xF0D1) {[1]}', hex: 'f0d1 03 020001', json: { extension_type: 0xf0d1, extension_data: '020001' } },
  { name: 'PartialGroupInfo', what: 'one extension, a 2-byte signature<V>', hex: '06 f0d1 03 020001 02 aabb', json: { group_info_extensions: [{ extension_type: 0xf0d1, extension_data: '020001' }], signature: 'aabb' } },
  { name: 'KeyPackagesRequest', what: 'one ClientID', hex: `13 ${CLIENT}`, json: { client_identifiers: [phone] } },
  { name: 'ConnectionKeyPackagesRequest', what: 'alice@a.test', hex: `${ALICE} ${A_TEST}`, json: { user_identifier: alice } },
  { name: 'WelcomeInfoRequest', what: 'epoch as uint64', hex: `10 ${GROUP_ID} 0000000000000005`, json: { group_id: groupIdHex, epoch: '5' } },
  { name: 'ExternalCommitInfoRequest', what: 'a MimiGroupId', hex: `10 ${GROUP_ID}`, json: { group_id: groupIdHex } },
  { name: 'DSRequestBody', what: 'ds_welcome_info (15)', hex: `0f 10 ${GROUP_ID} 0000000000000002`, json: { request_type: 'ds_welcome_info', welcome_info_request: { group_id: groupIdHex, epoch: '2' } } },
  { name: 'DSRequestBody', what: 'ds_signature_public_key (11), an empty struct', hex: '0b', json: { request_type: 'ds_signature_public_key' } },
  { name: 'DSAuthData', what: 'client_signature: uint32 sender_index, signature<0..255> with a 1-byte length', hex: '01 00000002 03 aabbcc', json: { auth_type: 'client_signature', sender_index: 2, signature: 'aabbcc' } },
  { name: 'DSRequest', what: 'ds_external_commit_info (16), anonymous', hex: `0001 10 10 ${GROUP_ID} 00`, json: { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: groupIdHex } }, authentication_data: { auth_type: 'anonymous' } } },
  {
    name: 'DSRequest',
    what: 'ds_key_packages (12), signed by leaf 1',
    hex: `0001 0c 13 ${CLIENT} 01 00000001 02 aabb`,
    json: { version: 1, request_body: { request_type: 'ds_key_packages', key_packages_request: { client_identifiers: [phone] } }, authentication_data: { auth_type: 'client_signature', sender_index: 1, signature: 'aabb' } },
  },
  { name: 'ClientSignatureTBS', what: '§7: version, body, uint32 sender_index', hex: '0001 00 00000007', json: { protocol_version: 1, request_body: { request_type: 'ds_request_group_id' }, sender_index: 7 } },

  // §3 errors and §1 responses
  { name: 'DSError', what: 'decode_error (0) with an empty message', hex: '0000 00', json: { code: 'decode_error', message: '' } },
  { name: 'DSError', what: 'duplicate_message_id (30)', hex: '001e 02 6964', json: { code: 'duplicate_message_id', message: 'id' } },
  { name: 'DSResponseBody', what: 'ok (0)', hex: '00', json: { response_type: 'ok' } },
  { name: 'DSResponse', what: 'group_id (2)', hex: `0001 02 10 ${GROUP_ID}`, json: { protocol_version: 1, response_body: { response_type: 'group_id', group_id: groupIdHex } } },
  { name: 'DSResponse', what: 'signature_public_key (5)', hex: `0001 05 20 ${KEY}`, json: { protocol_version: 1, response_body: { response_type: 'signature_public_key', signature_public_key: KEY } } },
  { name: 'DSResponse', what: 'key_packages (6), none', hex: '0001 06 00', json: { protocol_version: 1, response_body: { response_type: 'key_packages', key_packages: [] } } },
  { name: 'DSResponse', what: 'connection_key_packages (7), none', hex: '0001 07 00', json: { protocol_version: 1, response_body: { response_type: 'connection_key_packages', key_packages: [] } } },
  { name: 'DSFanoutResponse', what: 'ok', hex: '0001 00', json: { protocol_version: 1, response_body: { response_type: 'ok' } } },
  { name: 'DSFanoutResponse', what: 'error wrong_recipient (6)', hex: '0001 01 0006 00', json: { protocol_version: 1, response_body: { response_type: 'error', error: { code: 'wrong_recipient', message: '' } } } },

  // §5 transport payloads
  { name: 'QueueingServiceResponse', what: 'error invalid_message (15)', hex: '0001 01 000f 00', json: { protocol_version: 1, response_body: { response_type: 'error', error: { code: 'invalid_message', message: '' } } } },
  { name: 'VerificationKeyRequest', what: 'ds.beta.test asks ds.alpha.test', hex: `0001 ${DS_BETA} ${DS_ALPHA}`, json: { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test' } },
  { name: 'VerificationKeyResponse', what: 'ed25519 (0x0807), a 32-byte key', hex: `0001 ${DS_ALPHA} 0807 20 ${KEY}`, json: { protocol_version: 1, domain: 'ds.alpha.test', signature_scheme: 'ed25519', verification_key: KEY } },
  { name: 'ConnectionKeyPackageRequestTBS', what: 'for alice@a.test', hex: `${FRAME} ${ALICE} ${A_TEST}`, json: { ...frame, request: { user_identifier: alice } } },
  { name: 'ConnectionKeyPackageRequest', what: 'signature<0..255>', hex: `${FRAME} ${ALICE} ${A_TEST} 02 aabb`, json: { ...frame, request: { user_identifier: alice }, signature: 'aabb' } },
  { name: 'GroupKeyPackageRequestTBS', what: 'for phone/alice@a.test', hex: `${FRAME} 13 ${CLIENT}`, json: { ...frame, request: { client_identifiers: [phone] } } },
  { name: 'GroupKeyPackageRequest', what: 'signature<0..255>', hex: `${FRAME} 13 ${CLIENT} 01 ff`, json: { ...frame, request: { client_identifiers: [phone] }, signature: 'ff' } },
  { name: 'ConnectionKeyPackageResponse', what: 'error unknown_user (20)', hex: '0001 01 0014 02 6e6f', json: { protocol_version: 1, response_body: { response_type: 'error', error: { code: 'unknown_user', message: 'no' } } } },
  { name: 'ConnectionKeyPackageResponse', what: 'ok, none', hex: '0001 00 00', json: { protocol_version: 1, response_body: { response_type: 'ok', key_packages: [] } } },
  { name: 'GroupKeyPackageResponse', what: 'error no_key_packages (21)', hex: '0001 01 0015 00', json: { protocol_version: 1, response_body: { response_type: 'error', error: { code: 'no_key_packages', message: '' } } } },

  // §12
  { name: 'MimiGroupContext', what: '{1, regular}', hex: '0001 00', json: { protocol_version: 1, kind: 'regular' } },
  { name: 'MimiSupportedVersions', what: '{[1, 2]}: a version this reader does not know', hex: '04 0001 0002', json: { versions: [1, 2] } },

  // Structs that embed MLS values (the MLS bytes from the MLS working group's vectors)
  { name: 'MLSGroupUpdate', what: 'a PublicMessage commit and a PartialGroupInfo', hex: UPDATE, json: update },
  { name: 'UpdateClientRequest', what: 'an MLSGroupUpdate', hex: UPDATE, json: { group_update: update } },
  { name: 'DeleteGroupRequest', what: 'an MLSGroupUpdate', hex: UPDATE, json: { group_update: update } },
  { name: 'RemoveUsersRequest', what: 'an MLSGroupUpdate', hex: UPDATE, json: { group_update: update } },
  { name: 'RemoveClientsRequest', what: 'an MLSGroupUpdate', hex: UPDATE, json: { group_update: update } },
  { name: 'ExternalJoinRequest', what: 'an MLSGroupUpdate', hex: UPDATE, json: { group_update: update } },
  { name: 'AddClientsRequest', what: 'two Welcomes in welcome_messages<V>', hex: `${UPDATE} ${v(WELCOME + WELCOME)} ${WELCOME} ${WELCOME}`, json: { group_update: update, welcome_messages: [embedded(WELCOME), embedded(WELCOME)] } },
  { name: 'ReInitializeGroupRequest', what: 'field "commit" (§9)', hex: UPDATE, json: { commit: update } },
  { name: 'AddUsersRequest', what: 'one Welcome in welcome_messages<V>', hex: `${UPDATE} ${v(WELCOME)} ${WELCOME}`, json: { group_update: update, welcome_messages: [embedded(WELCOME)] } },
  { name: 'SelfRemoveClientRequest', what: 'a PublicMessage proposal', hex: PROPOSAL, json: { proposal: embedded(PROPOSAL) } },
  { name: 'SendMessageRequest', what: 'a PrivateMessage', hex: PRIVATE, json: { application_message: embedded(PRIVATE) } },
  { name: 'DSRequestBody', what: 'ds_update_client (8)', hex: `08 ${UPDATE}`, json: { request_type: 'ds_update_client', update_client_request: { group_update: update } } },
  { name: 'DSFanoutRequestTBS', what: '§6: every field but the signature', hex: FANOUT, json: fanout },
  { name: 'DSFanoutRequest', what: '§6: recipient and message_id added, signature<0..255>', hex: `${FANOUT} 02 aabb`, json: { ...fanout, signature: 'aabb' } },
  { name: 'QueueingServiceRequest', what: 'deliver_message (0)', hex: `00 ${FANOUT} 02 aabb`, json: { request_type: 'deliver_message', fanout_request: { ...fanout, signature: 'aabb' } } },
  { name: 'QueueingServiceRequest', what: 'connection_request (1)', hex: `01 ${FANOUT} 01 cc`, json: { request_type: 'connection_request', fanout_request: { ...fanout, signature: 'cc' } } },
  {
    name: 'DSResponse',
    what: 'external_commit_info (4): a GroupInfo and the ratchet tree',
    hex: `0001 04 ${GROUP_INFO} ${TREE}`,
    json: { protocol_version: 1, response_body: { response_type: 'external_commit_info', group_info: embedded(GROUP_INFO), ratchet_tree: expect.any(Array) as unknown } },
    encodeDecoded: true,
  },
  { name: 'GroupKeyPackageResponse', what: 'ok, one KeyPackage', hex: `0001 00 ${v(KEY_PACKAGE)} ${KEY_PACKAGE}`, json: { protocol_version: 1, response_body: { response_type: 'ok', key_packages: [embedded(KEY_PACKAGE)] } } },
];
