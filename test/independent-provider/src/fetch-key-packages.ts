import { decode, encode } from 'mimi-transport-harness/codec';
import { clientId as clientIdCodec, clientIdText, GROUP_KEY_PACKAGE_REQUEST_LABEL, groupKeyPackageRequest, groupKeyPackageRequestTbs, groupKeyPackageResponse, type ClientId, type UserId } from 'mimi-transport-harness/messages';
import { isConnectionKeyPackage, signWithLabel } from 'mimi-transport-harness/mls';
import type { ProviderContext } from './context.js';
import type { PublishedKeyPackage } from './directory.js';
import { peerRequest } from './peers.js';

/** The ClientID a KeyPackage's credential names (profile §12), or undefined. */
function clientOf(kp: PublishedKeyPackage): string | undefined {
  const credential = kp.value.leafNode.credential;
  if (credential.credentialType !== 'basic') return undefined;
  try {
    return clientIdText(decode(clientIdCodec, credential.identity));
  } catch {
    return undefined;
  }
}

/**
 * KeyPackages of clients of other providers for one of our users (transport draft "Group KeyPackage Retrieval",
 * profile §5, §7): a signed GroupKeyPackageRequest to each provider's DS. The answer is checked as profile §14
 * asks: one per requested client, in order, each of that client and regular.
 *
 * @example
 * const kps = await fetchRemoteKeyPackages(ctx, alice.user, [bobAtPeerA]);
 */
export async function fetchRemoteKeyPackages(ctx: ProviderContext, requester: UserId, clients: readonly ClientId[]): Promise<PublishedKeyPackage[]> {
  const domain = clients[0]?.user.domain;
  if (domain === undefined) return [];
  const recipient = await ctx.discovery.dsDomainOf(domain);
  const fields = { protocol_version: 1 as const, sender: ctx.dsDomain, recipient, message_id: ctx.outbox.allocateId(recipient), requester, request: { client_identifiers: [...clients] } };
  const signature = await signWithLabel(ctx.keys.signKey, GROUP_KEY_PACKAGE_REQUEST_LABEL, encode(groupKeyPackageRequestTbs, fields));
  const answer = await peerRequest(ctx.peers(), recipient, 'POST', '/group_key_packages', encode(groupKeyPackageRequest, { ...fields, signature }));
  const body = decode(groupKeyPackageResponse, answer.body).response_body;
  if (body.response_type === 'error') throw new Error(`${recipient} refused the KeyPackage request: ${body.error.code}: ${body.error.message}`);
  const wanted = clients.map(clientIdText);
  if (body.key_packages.length !== wanted.length) throw new Error(`${recipient} answered ${body.key_packages.length} KeyPackages for ${wanted.length} clients`);
  body.key_packages.forEach((kp, i) => {
    if (clientOf(kp) !== wanted[i] || isConnectionKeyPackage(kp.value)) throw new Error(`${recipient} answered a KeyPackage of ${clientOf(kp) ?? 'nobody'} (${isConnectionKeyPackage(kp.value) ? 'connection' : 'regular'}) for ${wanted[i] ?? '?'}`);
  });
  return body.key_packages;
}
