import { decode, DecodeError, encode, mlsMessage } from '../codec/index.js';
import { dsRequest, dsResponse, mimiGroupId, type DSErrorCode, type DSRequest, type DSResponseBody } from '../messages/index.js';
import type { Network } from '../network/index.js';

/** A DS refused a client's request: the HTTP status and the DSError it sent. */
export class RequestRefused extends Error {
  override readonly name = 'RequestRefused';
  constructor(
    readonly path: string,
    readonly status: number,
    readonly code: DSErrorCode | 'undecodable',
    readonly detail: string,
  ) {
    super(`${path} answered ${status} ${code}: ${detail}`);
  }
}

/** The DS that owns a group: the ds_domain of its MimiGroupId (profile §2). */
export function ownerOf(groupId: Uint8Array): string {
  return decode(mimiGroupId, groupId).ds_domain;
}

/** An MLSMessage as the codec embeds it. */
export function embedded(bytes: Uint8Array): ReturnType<typeof mlsMessage.read> {
  return decode(mlsMessage, bytes);
}

/**
 * Sends a DSRequest from `source` (the client's provider host) to a DS and
 * returns the DSResponse body, or throws {@link RequestRefused}. The three
 * GET-with-body paths are sent as POST, which the profile allows (§10),
 * because fetch cannot send a GET with a body.
 *
 * @example
 * const body = await postDsRequest(network, 'alpha.test', 'ds.alpha.test', '/group_operation', request);
 */
export async function postDsRequest(network: Network, source: string, dsDomain: string, path: string, request: DSRequest): Promise<DSResponseBody> {
  const response = await network.fetch(`https://${dsDomain}${path}`, { method: 'POST', body: encode(dsRequest, request), headers: { 'content-type': 'application/octet-stream' } }, source);
  const bytes = new Uint8Array(await response.arrayBuffer());
  let body: DSResponseBody;
  try {
    body = decode(dsResponse, bytes, { rootName: 'DSResponse' }).response_body;
  } catch (error) {
    if (error instanceof DecodeError) throw new RequestRefused(path, response.status, 'undecodable', error.message);
    throw error;
  }
  if (body.response_type === 'error') throw new RequestRefused(path, response.status, body.error.code, body.error.message);
  if (response.status !== 200) throw new RequestRefused(path, response.status, 'undecodable', `status ${response.status} with a ${body.response_type} body`);
  return body;
}
