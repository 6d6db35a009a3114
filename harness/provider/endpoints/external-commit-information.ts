import { encode } from '../../codec/index.js';
import { dsRequest, dsResponse } from '../../messages/index.js';
import { groupInfoMessageOf, treeNodesOf } from '../../mls/index.js';
import { groupAt, ownedGroupKey } from '../owned-group.js';
import { ProviderError } from '../provider-error.js';
import type { ProviderState } from '../provider-state.js';
import { readBody, type RequestContext } from '../request-body.js';

/**
 * `GET /external_commit_information` (transport draft, profile §4): the
 * group's current GroupInfo and ratchet tree for a client joining by
 * external commit. Anonymous (profile §8) and rate-limited per group.
 *
 * @example
 * const response = await externalCommitInformationEndpoint(state, request, context);
 */
export async function externalCommitInformationEndpoint(state: ProviderState, request: Request, context: RequestContext | undefined): Promise<Response> {
  const body = await readBody(request, context, dsRequest, 'DSRequest', state.maxBodyBytes);
  if (body.request_body.request_type !== 'ds_external_commit_info') throw new ProviderError('wrong_endpoint', `${body.request_body.request_type} does not go to /external_commit_information`);
  if (body.authentication_data.auth_type !== 'anonymous') throw new ProviderError('unauthorized', 'ds_external_commit_info is anonymous (profile §8)');
  const key = ownedGroupKey(state, body.request_body.external_commit_info_request.group_id);
  const group = groupAt(state, key);
  // Profile §8: anonymous, so limited per group (transport draft "Rate-limiting"); only existing groups get a bucket.
  // Planted bug (defects.ts oneBucketForAllGroups): every group's requests in one bucket.
  state.limiter.take('/external_commit_information', 'group', state.defects.oneBucketForAllGroups === true ? 'every group' : key);
  const answer = encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'external_commit_info', group_info: groupInfoMessageOf(group), ratchet_tree: treeNodesOf(group.ratchetTree) } });
  return new Response(answer, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
}
