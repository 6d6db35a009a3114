import { fc } from '@fast-check/vitest';
import { encode } from '../../harness/codec/index.js';
import {
  CONNECTION_KEY_PACKAGE_REQUEST_LABEL,
  connectionKeyPackageRequestTbs,
  connectionKeyPackageRequest,
  dsRequest,
  GROUP_KEY_PACKAGE_REQUEST_LABEL,
  groupKeyPackageRequest,
  groupKeyPackageRequestTbs,
  queueingServiceRequest,
  verificationKeyRequest,
  type DSErrorCode,
  type DSRequest,
  type QSRequestType,
} from '../../harness/messages/index.js';
import { signWithLabel } from '../../harness/mls/index.js';
import type { Provider } from '../../harness/provider/index.js';

/**
 * What one endpoint itself answers to a valid body: the status and either
 * `ok` or the error code. Every code here is one only the endpoint gives
 * (never the router's 404 not_found, which has the same bytes in every
 * carrier), so an answer from a missing or miswired route differs.
 */
export interface OwnAnswer {
  readonly body: Uint8Array;
  readonly status: number;
  readonly code: DSErrorCode | 'ok';
  /** For `ok`: what the decoded answer must contain. */
  readonly answer?: object;
}

const anonymous = (requestBody: DSRequest['request_body']): Uint8Array => encode(dsRequest, { version: 1, request_body: requestBody, authentication_data: { auth_type: 'anonymous' } });
const welcomeInfo: DSRequest['request_body'] = { request_type: 'ds_welcome_info', welcome_info_request: { group_id: new Uint8Array([1]), epoch: 1n } };
const externalCommitInfo: DSRequest['request_body'] = { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: new Uint8Array([1]) } };

/** A delivery of the other QS type, addressed to `provider`: the endpoint's own type check refuses it (profile §5). */
function otherQsType(provider: Provider, path: QSRequestType): Uint8Array {
  const [sample] = fc.sample(queueingServiceRequest.arbitrary(), { seed: 7, numRuns: 1 });
  if (sample === undefined) throw new Error('no sample');
  const type: QSRequestType = path === 'deliver_message' ? 'connection_request' : 'deliver_message';
  return encode(queueingServiceRequest, { request_type: type, fanout_request: { ...sample.fanout_request, recipient: provider.dsDomain } });
}

/** The provider's own signed request for a user it does not have: the whole signed-request flow runs, then the directory answers. */
async function signedByItself(provider: Provider, kind: 'group' | 'connection'): Promise<Uint8Array> {
  const nobody = { user_name: 'nobody', domain: provider.domain };
  const frame = { protocol_version: 1 as const, sender: provider.dsDomain, recipient: provider.dsDomain, message_id: 1n, requester: nobody };
  if (kind === 'group') {
    const fields = { ...frame, request: { client_identifiers: [{ user: nobody, client_name: 'phone' }] } };
    const signature = await signWithLabel(provider.signingKey.signKey, GROUP_KEY_PACKAGE_REQUEST_LABEL, encode(groupKeyPackageRequestTbs, fields));
    return encode(groupKeyPackageRequest, { ...fields, signature });
  }
  const fields = { ...frame, request: { user_identifier: nobody } };
  const signature = await signWithLabel(provider.signingKey.signKey, CONNECTION_KEY_PACKAGE_REQUEST_LABEL, encode(connectionKeyPackageRequestTbs, fields));
  return encode(connectionKeyPackageRequest, { ...fields, signature });
}

/**
 * The answer each endpoint with a request body gives to one valid body, by path.
 *
 * @example
 * const { body, status, code } = await ownAnswer(provider, '/deliver_message');
 */
export async function ownAnswer(provider: Provider, path: string): Promise<OwnAnswer> {
  switch (path) {
    // Each DS path gets the one request type it serves, so that every other DS handler answers it
    // 400 wrong_endpoint instead: a group id here, 421 not_owner for a group id that is no MimiGroupId.
    case '/group_operation':
      return { body: anonymous({ request_type: 'ds_request_group_id' }), status: 200, code: 'ok', answer: { response_body: { response_type: 'group_id' } } };
    case '/welcome_information':
      return { body: anonymous(welcomeInfo), status: 421, code: 'not_owner' };
    case '/external_commit_information':
      return { body: anonymous(externalCommitInfo), status: 421, code: 'not_owner' };
    case '/verification_key':
      return { body: encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.beta.test', recipient: provider.dsDomain }), status: 200, code: 'ok', answer: { domain: provider.dsDomain, verification_key: provider.verificationKey } };
    case '/deliver_message':
      return { body: otherQsType(provider, 'deliver_message'), status: 400, code: 'wrong_endpoint' };
    case '/connection_request':
      return { body: otherQsType(provider, 'connection_request'), status: 400, code: 'wrong_endpoint' };
    case '/group_key_packages':
      return { body: await signedByItself(provider, 'group'), status: 404, code: 'unknown_client' };
    case '/connection_key_packages':
      return { body: await signedByItself(provider, 'connection'), status: 404, code: 'unknown_user' };
    default:
      throw new Error(`no own answer known for ${path}`);
  }
}
