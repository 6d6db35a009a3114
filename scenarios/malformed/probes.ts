import fc from 'fast-check';
import { encode } from '../../harness/codec/index.js';
import type { CheckContext } from '../../harness/conformance/index.js';
import { dsFanoutRequestTbs, dsRequest, FANOUT_SIGNATURE_LABELS, queueingServiceRequest, verificationKeyRequest, type DSRequest, type QSRequestType } from '../../harness/messages/index.js';
import { signWithLabel } from '../../harness/mls/index.js';
import { signedConnectionKeyPackageRequest, signedGroupKeyPackageRequest } from '../../harness/conformance/index.js';

/**
 * Message ids of the probes, far above anything a harness peer counts up to
 * on its own (profile §13: unique per (sender, recipient)).
 */
const PROBE_IDS = 1n << 40n;

const anonymous = (body: DSRequest['request_body']): Uint8Array => encode(dsRequest, { version: 1, request_body: body, authentication_data: { auth_type: 'anonymous' } });

/** A group id that is no MimiGroupId: the DS's own answer (not_owner in the reference) needs no group. */
const NO_GROUP = new Uint8Array([1]);

/** A fan-out request of the other QS type, signed by the first harness peer: the endpoint's own type check refuses it (profile §5). */
async function otherQsType(ctx: CheckContext, path: QSRequestType, n: number): Promise<Uint8Array> {
  const peer = ctx.peers[0];
  const [sample] = fc.sample(queueingServiceRequest.arbitrary(), { seed: ctx.seed, numRuns: 1 });
  if (peer === undefined || sample === undefined) throw new Error('a probe needs a harness peer and a sample');
  const type: QSRequestType = path === 'deliver_message' ? 'connection_request' : 'deliver_message';
  const { recipient_ids, mls_message } = sample.fanout_request;
  const tbs = { protocol_version: 1 as const, sender: peer.dsDomain, recipient: ctx.target.dsDomain, message_id: PROBE_IDS + BigInt(n), recipient_ids, mls_message };
  const signature = await signWithLabel(peer.provider.signingKey.signKey, FANOUT_SIGNATURE_LABELS[type], encode(dsFanoutRequestTbs, tbs));
  return encode(queueingServiceRequest, { request_type: type, fanout_request: { ...tbs, signature } });
}

/**
 * A valid body for `path` that the target answers on its own, sent before
 * and after the spoiled bodies: a target is healthy when it answers the
 * second as it answered the first. Each needs no state on the target: a
 * group id request, joining information for a group id no DS owns, the
 * verification key, a QS delivery of the other type, and KeyPackages for a
 * client that does not exist, the last three signed by the first harness
 * peer (`n` keeps their message ids apart, profile §13).
 *
 * @example
 * const body = await healthProbe(ctx, '/group_operation', 0);
 */
export async function healthProbe(ctx: CheckContext, path: string, n: number): Promise<Uint8Array> {
  const peer = ctx.peers[0];
  if (peer === undefined) throw new Error('a probe needs a harness peer');
  const frame = { protocol_version: 1 as const, sender: peer.dsDomain, recipient: ctx.target.dsDomain, message_id: PROBE_IDS + BigInt(n), requester: { user_name: 'prober', domain: peer.domain } };
  const nobody = { user_name: 'nobody', domain: ctx.target.domain };
  switch (path) {
    case '/group_operation':
      return anonymous({ request_type: 'ds_request_group_id' });
    case '/welcome_information':
      return anonymous({ request_type: 'ds_welcome_info', welcome_info_request: { group_id: NO_GROUP, epoch: 1n } });
    case '/external_commit_information':
      return anonymous({ request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: NO_GROUP } });
    case '/verification_key':
      return encode(verificationKeyRequest, { protocol_version: 1, sender: peer.dsDomain, recipient: ctx.target.dsDomain });
    case '/deliver_message':
      return otherQsType(ctx, 'deliver_message', n);
    case '/connection_request':
      return otherQsType(ctx, 'connection_request', n);
    case '/group_key_packages':
      return signedGroupKeyPackageRequest(peer.provider.signingKey.signKey, { ...frame, request: { client_identifiers: [{ user: nobody, client_name: 'phone' }] } });
    case '/connection_key_packages':
      return signedConnectionKeyPackageRequest(peer.provider.signingKey.signKey, { ...frame, request: { user_identifier: nobody } });
    default:
      throw new Error(`no health probe for ${path}`);
  }
}
