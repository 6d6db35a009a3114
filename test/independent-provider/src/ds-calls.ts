import { decode, DecodeError, encode } from 'mimi-transport-harness/codec';
import { CLIENT_SIGNATURE_LABEL, clientSignatureTbs, dsRequest, dsResponse, mimiGroupId, type DSRequest, type DSRequestBody, type DSResponseBody } from 'mimi-transport-harness/messages';
import { signWithLabel } from 'mimi-transport-harness/mls';
import type { ProviderContext } from './context.js';
import { peerRequest } from './peers.js';
import type { Answer } from './protocol-error.js';

/** Runs one of our own endpoints in-process (our clients reach their own DS without a network hop). */
export type LocalDispatch = (path: string, body: Uint8Array) => Promise<Answer>;

/** A DS refused a client's request: the profile error code and message it answered with. */
export class DsRefused extends Error {
  override readonly name = 'DsRefused';
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

/** The DS domain a group id names (profile §2). @example ownerOf(groupId) // 'ds.peer-a.test' */
export function ownerOf(groupId: Uint8Array): string {
  return decode(mimiGroupId, groupId).ds_domain;
}

/**
 * A DSRequest signed by a client (DS draft "Client to server requests", profile §7): SignWithLabel over
 * ClientSignatureTBS {version, request_body, sender_index} with the client's leaf key.
 *
 * @example
 * const request = await signedDsRequest(signKey, body, 0);
 */
export async function signedDsRequest(signKey: Uint8Array, request_body: DSRequestBody, sender_index: number): Promise<DSRequest> {
  const tbs = encode(clientSignatureTbs, { protocol_version: 1, request_body, sender_index });
  return { version: 1, request_body, authentication_data: { auth_type: 'client_signature', sender_index, signature: await signWithLabel(signKey, CLIENT_SIGNATURE_LABEL, tbs) } };
}

/**
 * Sends a DSRequest for one of our clients to a DS: ours in-process, another over HTTPS through the peers' hosts
 * map. The joining-information paths use GET with the body, as the transport draft says (profile §10). An error
 * answer throws {@link DsRefused}.
 *
 * @example
 * const body = await dsCall(ctx, local, 'ds.peer-a.test', '/group_operation', request);
 */
export async function dsCall(ctx: ProviderContext, local: LocalDispatch, dsDomain: string, path: string, request: DSRequest): Promise<DSResponseBody> {
  const bytes = encode(dsRequest, request);
  const method = path === '/group_operation' ? 'POST' : 'GET';
  const answer = dsDomain === ctx.dsDomain ? await local(path, bytes) : await peerRequest(ctx.peers(), dsDomain, method, path, bytes);
  let body: DSResponseBody;
  try {
    body = decode(dsResponse, answer.body).response_body;
  } catch (error) {
    if (error instanceof DecodeError) throw new Error(`${dsDomain}${path} answered ${answer.status} with a body that does not decode: ${error.message}`, { cause: error });
    throw error;
  }
  if (body.response_type === 'error') throw new DsRefused(body.error.code, body.error.message);
  return body;
}
