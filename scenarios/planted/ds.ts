import { DS_GAP_A_PLANTED } from './ds-gaps-a.js';
import { DS_GAP_B_PLANTED } from './ds-gaps-b.js';
import { DS_GAP_C_PLANTED } from './ds-gaps-c.js';
import { DS_GAP_D_PLANTED } from './ds-gaps-d.js';
import { DS_GAP_E_PLANTED } from './ds-gaps-e.js';
import { DS_GAP_F_PLANTED } from './ds-gaps-f.js';
import { decode, DecodeError, encode, toHex } from '../../harness/codec/index.js';
import { decodeErrorAnswer, referenceTarget, wrapTarget, type Target } from '../../harness/conformance/index.js';
import { dsRequest, dsResponse, verificationKeyResponse, type DSErrorCode } from '../../harness/messages/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import { dsErrorResponse, type ProviderDefects } from '../../harness/provider/index.js';
import { mayReadBody, type PlantedBug } from './planted-bug.js';

const withDefect = (name: string, defects: ProviderDefects) => (domain: string): Target => referenceTarget({ domain, name, defects });

/** Planted bug: every DSError `from` the DS sends goes out as `to` (with `to`'s status): a code mix-up a client acts on wrongly. */
const rewritesCode = (from: DSErrorCode, to: DSErrorCode) => (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (response.status < 400) return response;
  const bytes = new Uint8Array(await response.arrayBuffer());
  const error = decodeErrorAnswer('DSResponse', bytes);
  if (error.ok && error.code === from) return dsErrorResponse(to, error.message);
  return new Response(bytes, { status: response.status, headers: response.headers });
};

/** Planted bug: /external_commit_information answers each distinct request with its first 200 answer for good (a stale GroupInfo and tree). */
const cachesCommitInformation = (inner: FetchHandler): FetchHandler => {
  const cache = new Map<string, Uint8Array>();
  return async (request, info) => {
    if (new URL(request.url).pathname !== '/external_commit_information' || request.method !== 'POST' || !mayReadBody(request)) return inner(request, info);
    const key = toHex(new Uint8Array(await request.clone().arrayBuffer()));
    const cached = cache.get(key);
    if (cached !== undefined) return new Response(cached, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    const response = await inner(request, info);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (response.status === 200) cache.set(key, bytes);
    return new Response(bytes, { status: response.status, headers: response.headers });
  };
};

/** Planted bug: a SendMessage carrying anything but a PrivateMessage is answered ok (and dropped) instead of refused. */
const okToHandshakeAsMessage = (inner: FetchHandler): FetchHandler => async (request, info) => {
  if (new URL(request.url).pathname !== '/group_operation' || request.method !== 'POST' || !mayReadBody(request)) return inner(request, info);
  try {
    const body = decode(dsRequest, new Uint8Array(await request.clone().arrayBuffer())).request_body;
    if (body.request_type === 'ds_send_message' && body.send_message_request.application_message.value.wireformat !== 'mls_private_message') {
      return new Response(encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'ok' } }), { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    }
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
  return inner(request, info);
};

/** Planted bug: /verification_key by POST serves another key than by GET (and than ds_signature_public_key). */
const postServesOtherKey = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (new URL(request.url).pathname !== '/verification_key' || request.method !== 'POST' || response.status !== 200) return response;
  const answer = decode(verificationKeyResponse, new Uint8Array(await response.arrayBuffer()));
  const other = answer.verification_key.map((byte, i) => (i === 0 ? byte ^ 1 : byte));
  return new Response(encode(verificationKeyResponse, { ...answer, verification_key: other }), { status: 200, headers: { 'content-type': 'application/octet-stream' } });
};

const wrapped = (name: string, wrap: (inner: FetchHandler) => FetchHandler) => (domain: string): Target => wrapTarget(referenceTarget({ domain }), name, wrap);

/** Planted bugs in the reference DS's own decisions (issue 10 §4). */
export const DS_PLANTED: readonly PlantedBug[] = [
  { name: 'fans an application message out to its sender too', caughtBy: ['ds.send-message.fan-out', 'properties.fan-out.under-faults'], target: withDefect('fans out to the sender', { fanOutToSender: true }) },
  { name: 'creates a group whose id names another DS', caughtBy: ['ds.create-group.group-id'], target: withDefect('foreign group ids', { acceptsForeignGroupIds: true }) },
  { name: "skips the creator's LeafNode check", caughtBy: ['ds.create-group.leaf-node'], target: withDefect('no creator leaf check', { skipsCreatorLeafCheck: true }) },
  { name: 'creates a group without the DS as external sender', caughtBy: ['ds.create-group.external-sender'], target: withDefect('no external sender check', { skipsExternalSenderCheck: true }) },
  { name: 'creates a group with any sender_index', caughtBy: ['ds.create-group.sender-index'], target: withDefect('any creator index', { createGroupAnySenderIndex: true }) },
  { name: 'accepts anonymous commits', caughtBy: ['ds.auth.wrong-auth-type'], target: withDefect('anonymous commits', { acceptsAnonymousCommits: true }) },
  { name: 'answers not_a_member as unauthorized', caughtBy: ['ds.auth.blank-leaf', 'adversarial.welcome-info.foreign-leaf'], target: wrapped('not_a_member as unauthorized', rewritesCode('not_a_member', 'unauthorized')) },
  { name: "ignores sender_index: verifies with the named leaf's key", caughtBy: ['ds.auth.sender-index-mismatch'], target: withDefect('ignores sender_index', { ignoresSenderIndex: true }) },
  { name: 'skips the ClientSignature of commits', caughtBy: ['ds.auth.bad-signature'], target: withDefect('no client signature check', { skipsClientSignature: true }) },
  { name: 'answers a stale commit with invalid_commit, not wrong_epoch', caughtBy: ['ds.commit.wrong-epoch', 'adversarial.commit-replay.cross-epoch'], target: wrapped('wrong_epoch as invalid_commit', rewritesCode('wrong_epoch', 'invalid_commit')) },
  { name: 'accepts a commit missing a stored proposal', caughtBy: ['ds.commit.missing-proposal', 'scripted.joins.welcome-external-resync'], target: withDefect('forgets left-out proposals', { acceptsMissingProposals: true }) },
  { name: 'answers unknown_group as not_owner', caughtBy: ['ds.commit.unknown-group', 'ds.delete-group.forgotten', 'transport.http.get-with-body', 'scripted.delete.group-gone'], target: wrapped('unknown_group as not_owner', rewritesCode('unknown_group', 'not_owner')) },
  { name: 'ignores the request type of a commit', caughtBy: ['ds.commit.request-type', 'ds.add-users.no-existing-members', 'ds.remove-clients.same-user', 'ds.remove-users.whole-users', 'ds.update.path-only', 'ds.remove-clients.only-removes', 'ds.add-clients.only-adds'], target: withDefect('ignores request type', { ignoresRequestType: true }) },
  { name: 'sends every Welcome to every provider', caughtBy: ['ds.add-users.welcome-per-provider', 'properties.fan-out.under-faults'], target: withDefect('every Welcome everywhere', { welcomeToEveryProvider: true }) },
  { name: 'sends a connection Welcome as deliver_message', caughtBy: ['ds.add-users.connection-welcome'], target: withDefect('connection Welcome as message', { connectionWelcomeAsMessage: true }) },
  { name: "fans a commit out to the new epoch's members", caughtBy: ['ds.add-users.fan-out', 'ds.remove-users.removed-learn', 'ds.self-remove.stored', 'ds.external-join.served-info', 'ds.delete-group.forgotten', 'scripted.three-provider.authors-flow', 'scripted.joins.welcome-external-resync', 'scripted.multi-device.add-remove-clients', 'scripted.delete.group-gone'], target: withDefect('new-epoch fan-out', { fanOutToNewEpoch: true }) },
  { name: 'fans a commit back to its committer', caughtBy: ['ds.add-users.fan-out', 'ds.update-client.fan-out', 'properties.fan-out.under-faults'], target: withDefect('commit echo', { commitToCommitter: true }) },
  { name: 'echoes a self-remove to its sender', caughtBy: ['ds.self-remove.stored'], target: withDefect('self-remove echo', { selfRemoveToSender: true }) },
  { name: 'answers ok to a handshake message sent as SendMessage', caughtBy: ['ds.send-message.private-message'], target: wrapped('ok to a handshake SendMessage', okToHandshakeAsMessage) },
  { name: 'lets anyone join by external commit', caughtBy: ['ds.external-join.user-in-group'], target: withDefect('open external joins', { anyoneMayJoinExternally: true }) },
  { name: 'serves a stale GroupInfo and tree', caughtBy: ['ds.external-join.served-info', 'ds.group-info.agreement', 'scripted.three-provider.authors-flow', 'scripted.joins.welcome-external-resync', 'scripted.multi-device.add-remove-clients'], target: wrapped('stale commit information', cachesCommitInformation) },
  { name: "serves a joiner's tree to anyone", caughtBy: ['ds.welcome-info.joiner-only', 'adversarial.welcome-info.foreign-leaf'], target: withDefect('welcome tree to anyone', { welcomeTreeToAnyone: true }) },
  { name: 'keeps serving a deleted group', caughtBy: ['ds.delete-group.forgotten', 'scripted.delete.group-gone'], target: withDefect('keeps deleted groups', { keepsDeletedGroups: true }) },
  { name: 'accepts a ReInit to a group of another DS', caughtBy: ['ds.reinit.group-id'], target: withDefect('foreign ReInit', { acceptsForeignReinit: true }) },
  { name: 'serves another verification key by POST', caughtBy: ['ds.signature-public-key.verification-key', 'transport.http.get-with-body', 'forwarding.verification-key.scheme'], target: wrapped('POST key differs', postServesOtherKey) },
  { name: "answers another provider's clients with unknown_client", caughtBy: ['ds.key-packages.other-provider', 'ds.connection-key-packages.native', 'forwarding.verification-key.recipient-mismatch', 'forwarding.deliver-message.recipient-mismatch', 'forwarding.connection-request.recipient-mismatch', 'forwarding.group-key-packages.recipient-mismatch', 'forwarding.connection-key-packages.recipient-mismatch', 'adversarial.forwarded-delivery', 'adversarial.reflection'], target: wrapped('wrong_recipient as unknown_client', rewritesCode('wrong_recipient', 'unknown_client')) },
  ...DS_GAP_A_PLANTED,
  ...DS_GAP_B_PLANTED,
  ...DS_GAP_C_PLANTED,
  ...DS_GAP_D_PLANTED,
  ...DS_GAP_E_PLANTED,
  ...DS_GAP_F_PLANTED,
];
