import { decode, DecodeError, encode } from '../../harness/codec/index.js';
import { referenceTarget, wrapTarget, type Target } from '../../harness/conformance/index.js';
import { dsRequest, dsResponse, type DSRequest } from '../../harness/messages/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import type { ProviderDefects } from '../../harness/provider/index.js';
import { mayReadBody, type PlantedBug } from './planted-bug.js';

/** The path each DSRequest type is served on (profile §4, §8). */
const PATH_OF: Readonly<Record<string, string>> = { ds_welcome_info: '/welcome_information', ds_external_commit_info: '/external_commit_information' };

/** Planted bug: the three DSRequest paths route by request type, not by path, so a misrouted request is served instead of refused with wrong_endpoint. */
const routesByType = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const url = new URL(request.url);
  const paths = ['/group_operation', '/welcome_information', '/external_commit_information'];
  if (!paths.includes(url.pathname) || request.method !== 'POST' || !mayReadBody(request)) return inner(request, info);
  const bytes = new Uint8Array(await request.clone().arrayBuffer());
  try {
    const type = decode(dsRequest, bytes).request_body.request_type;
    const path = PATH_OF[type] ?? '/group_operation';
    if (path !== url.pathname) return await inner(new Request(new URL(path, url), { method: 'POST', headers: request.headers, body: bytes }), info);
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
  return inner(request, info);
};

/** Whether a DSRequest is a self-remove whose proposal is not a Remove of its own sender. */
function foreignSelfRemove(request: DSRequest): boolean {
  const body = request.request_body;
  if (body.request_type !== 'ds_self_remove_client') return false;
  const message = body.self_remove_client_request.proposal.value;
  if (message.wireformat !== 'mls_public_message' || message.publicMessage.content.contentType !== 'proposal') return false;
  const { proposal, sender } = message.publicMessage.content;
  return sender.senderType === 'member' && (proposal.proposalType !== 'remove' || proposal.remove.removed !== sender.leafIndex);
}

/** Planted bug: a self-remove that is not one Remove of its sender is answered ok (and dropped) instead of refused with invalid_proposal. */
const okToForeignSelfRemove = (inner: FetchHandler): FetchHandler => async (request, info) => {
  if (new URL(request.url).pathname !== '/group_operation' || request.method !== 'POST' || !mayReadBody(request)) return inner(request, info);
  try {
    if (foreignSelfRemove(decode(dsRequest, new Uint8Array(await request.clone().arrayBuffer())))) {
      return new Response(encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'ok' } }), { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    }
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
  return inner(request, info);
};

/** Planted bug: ds_connection_key_packages for a user of another provider is answered with no KeyPackages instead of wrong_recipient. */
const servesForeignUsers = (domain: string) => (inner: FetchHandler): FetchHandler => async (request, info) => {
  if (new URL(request.url).pathname !== '/group_operation' || request.method !== 'POST' || !mayReadBody(request)) return inner(request, info);
  try {
    const body = decode(dsRequest, new Uint8Array(await request.clone().arrayBuffer())).request_body;
    if (body.request_type === 'ds_connection_key_packages' && body.connection_key_packages_request.user_identifier.domain !== domain) {
      return new Response(encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'connection_key_packages', key_packages: [] } }), { status: 200, headers: { 'content-type': 'application/octet-stream' } });
    }
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
  }
  return inner(request, info);
};

const withDefect = (name: string, defects: ProviderDefects) => (domain: string): Target => referenceTarget({ domain, name, defects });

const wrapped = (name: string, wrap: (inner: FetchHandler) => FetchHandler) => (domain: string): Target => wrapTarget(referenceTarget({ domain }), name, wrap);

/** Planted bugs for the DS gap checks, set b. */
export const DS_GAP_B_PLANTED: readonly PlantedBug[] = [
  { name: 'routes DSRequests by type, not path (no wrong_endpoint)', caughtBy: ['ds.joining-info.wrong-endpoint'], target: wrapped('routes by request type', routesByType) },
  { name: 'takes any proposal as a self-remove', caughtBy: ['ds.self-remove.single-remove'], target: wrapped('any self-remove proposal', okToForeignSelfRemove) },
  { name: "answers connection KeyPackages for another provider's user", caughtBy: ['ds.connection-key-packages.native'], target: (domain) => wrapTarget(referenceTarget({ domain }), 'foreign connection KeyPackages', servesForeignUsers(domain)) },
  { name: 'answers a bad GroupInfo signature with invalid_signature', caughtBy: ['ds.create-group.group-info'], target: withDefect('GroupInfo signature as invalid_signature', { groupInfoSignatureAsInvalidSignature: true }) },
  { name: 'creates a group without exactly one mimi_group_context', caughtBy: ['ds.create-group.group-context'], target: withDefect('no mimi_group_context check', { skipsMimiGroupContextCheck: true }) },
];
