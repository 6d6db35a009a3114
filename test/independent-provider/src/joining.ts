import { encode } from 'mimi-transport-harness/codec';
import { CLIENT_SIGNATURE_LABEL, clientSignatureTbs, dsRequest, dsResponse } from 'mimi-transport-harness/messages';
import { groupInfoMessageOf, treeNodesOf, verifyWithLabel } from 'mimi-transport-harness/mls';
import type { ProviderContext } from './context.js';
import { groupAt, ownedGroupKey } from './ds-refusal.js';
import { ok, ProtocolError, type Answer } from './protocol-error.js';
import { decodeRequest } from './read-body.js';

/** The sender_index a joiner that does not know its leaf yet sends (profile §8). */
const UNKNOWN_LEAF = 0xffffffff;

/**
 * `GET /welcome_information` (DS draft "DS assisted joining", profile §4, §8): the ratchet tree of the epoch an Add
 * created, only for a joiner that Add created and that has not joined yet, proven by its ClientSignature with the
 * leaf's key (`not_a_member`, `invalid_signature`); an epoch with no kept tree is `wrong_epoch`.
 *
 * @example
 * const answer = await welcomeInformation(ctx, bytes);
 */
export async function welcomeInformation(ctx: ProviderContext, bytes: Uint8Array): Promise<Answer> {
  const request = decodeRequest(dsRequest, 'DSRequest', bytes);
  const body = request.request_body;
  if (body.request_type !== 'ds_welcome_info') throw new ProtocolError('wrong_endpoint', `${body.request_type} does not go to /welcome_information (profile §4)`);
  const { group_id: groupId, epoch } = body.welcome_info_request;
  const key = ownedGroupKey(ctx, groupId);
  const group = groupAt(ctx, key);
  const auth = request.authentication_data;
  if (auth.auth_type !== 'client_signature') throw new ProtocolError('unauthorized', 'ds_welcome_info needs the joiner’s client signature (profile §8)');
  const pending = group.pendingJoins.find((p) => p.epoch === epoch);
  if (pending === undefined) throw new ProtocolError('wrong_epoch', `no tree kept for epoch ${epoch}`);
  const candidates = auth.sender_index === UNKNOWN_LEAF ? pending.joiners : pending.joiners.filter((leaf) => leaf === auth.sender_index);
  if (candidates.length === 0) throw new ProtocolError('not_a_member', `leaf ${auth.sender_index} was not added in epoch ${epoch}, or has joined already`);
  const tbs = encode(clientSignatureTbs, { protocol_version: 1, request_body: body, sender_index: auth.sender_index });
  let verified = false;
  for (const leaf of candidates) {
    const node = pending.ratchetTree[leaf * 2];
    if (node?.nodeType === 'leaf' && (await verifyWithLabel(node.leaf.signaturePublicKey, CLIENT_SIGNATURE_LABEL, tbs, auth.signature))) verified = true;
  }
  if (!verified) throw new ProtocolError('invalid_signature', 'the signature is not by a client added in that epoch');
  // Per group only once the joiner is authenticated, so that forged requests cannot lock real joiners out.
  ctx.limiter.take('/welcome_information', 'group', key);
  return ok(encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'welcome_info', ratchet_tree: treeNodesOf(pending.ratchetTree) } }));
}

/**
 * `GET /external_commit_information` (DS draft "Join the group using an external commit", profile §4, §8):
 * anonymous; the current GroupInfo the DS assembled and the current ratchet tree.
 *
 * @example
 * const answer = await externalCommitInformation(ctx, bytes);
 */
export async function externalCommitInformation(ctx: ProviderContext, bytes: Uint8Array): Promise<Answer> {
  const request = decodeRequest(dsRequest, 'DSRequest', bytes);
  const body = request.request_body;
  if (body.request_type !== 'ds_external_commit_info') throw new ProtocolError('wrong_endpoint', `${body.request_type} does not go to /external_commit_information (profile §4)`);
  if (request.authentication_data.auth_type !== 'anonymous') throw new ProtocolError('unauthorized', 'ds_external_commit_info is anonymous (profile §8)');
  const key = ownedGroupKey(ctx, body.external_commit_info_request.group_id);
  const group = groupAt(ctx, key);
  // Anonymous, so limited per group (transport draft "Rate-limiting", profile §8).
  ctx.limiter.take('/external_commit_information', 'group', key);
  return Promise.resolve(ok(encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'external_commit_info', group_info: groupInfoMessageOf(group), ratchet_tree: treeNodesOf(group.ratchetTree) } })));
}
