import { encode } from '../../codec/index.js';
import { CLIENT_SIGNATURE_LABEL, clientSignatureTbs, dsRequest, dsResponse } from '../../messages/index.js';
import { treeNodesOf, verifyWithLabel } from '../../mls/index.js';
import { groupAt, ownedGroupKey } from '../owned-group.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import { readBody, type RequestContext } from '../request-body.js';

/** `sender_index` of a joiner that does not know its leaf yet (it learns it from the tree it is asking for; profile §8). */
export const UNKNOWN_LEAF = 0xffffffff;

/**
 * `GET /welcome_information` (transport draft "Welcome Information",
 * profile §4, §8): the ratchet tree of the epoch a client was added in, for
 * that client only. The ClientSignature must verify with the key of a leaf
 * an Add created in that epoch for a client that has not joined yet; the
 * joiner names that leaf in `sender_index`, or sends {@link UNKNOWN_LEAF}
 * and the DS tries each such leaf. Rate-limited per group once authenticated.
 *
 * @example
 * const response = await welcomeInformationEndpoint(state, request, context);
 */
export async function welcomeInformationEndpoint(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const body = await readBody(request, context, dsRequest, 'DSRequest', state.maxBodyBytes);
  if (body.request_body.request_type !== 'ds_welcome_info') throw new ProviderError('wrong_endpoint', `${body.request_body.request_type} does not go to /welcome_information (profile §4)`);
  const { group_id: groupId, epoch } = body.request_body.welcome_info_request;
  const key = ownedGroupKey(state, groupId);
  const auth = body.authentication_data;
  if (auth.auth_type !== 'client_signature') throw new ProviderError('unauthorized', 'ds_welcome_info needs the joiner’s client signature (profile §8)');
  const group = groupAt(state, key);
  const pending = group.pendingJoins.find((p) => p.epoch === epoch);
  if (pending === undefined) throw new ProviderError('wrong_epoch', `no tree kept for epoch ${epoch} (kept: ${group.pendingJoins.map((p) => p.epoch).join(', ') || 'none'})`);
  // Planted bug (defects.welcomeInfoToAnyMember): any leaf of the kept tree may ask, not only the joiners its Adds created (profile §8).
  const askers = state.defects.welcomeInfoToAnyMember === true ? pending.ratchetTree.flatMap((node, i) => (i % 2 === 0 && node?.nodeType === 'leaf' ? [i / 2] : [])) : pending.joiners;
  const candidates = auth.sender_index === UNKNOWN_LEAF ? askers : askers.filter((leaf) => leaf === auth.sender_index);
  if (candidates.length === 0) throw new ProviderError('not_a_member', `leaf ${auth.sender_index} was not added in epoch ${epoch}, or has joined already`);
  const tbs = encode(clientSignatureTbs, { protocol_version: 1, request_body: body.request_body, sender_index: auth.sender_index });
  let verified = false;
  for (const leaf of candidates) {
    const node = pending.ratchetTree[leaf * 2];
    if (node?.nodeType === 'leaf' && (await verifyWithLabel(node.leaf.signaturePublicKey, CLIENT_SIGNATURE_LABEL, tbs, auth.signature))) {
      verified = true;
      break;
    }
  }
  if (!verified && state.defects.welcomeTreeToAnyone !== true) throw new ProviderError('invalid_signature', 'the signature is not by a client added in that epoch');
  // Per group once the joiner is authenticated, so forged requests cannot lock real joiners out.
  // Planted bug (defects.ts oneBucketForAllGroups): every group's requests in one bucket.
  state.limiter.take('/welcome_information', 'group', state.defects.oneBucketForAllGroups === true ? 'every group' : key);
  const answer = encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'welcome_info', ratchet_tree: treeNodesOf(pending.ratchetTree) } });
  return new Response(answer, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
}
