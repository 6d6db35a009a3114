import { decode, encode } from '../../harness/codec/index.js';
import { referenceTarget, wrapTarget, type Target } from '../../harness/conformance/index.js';
import { dsDomainResponse, dsRequest, dsResponse, queueingServiceRequest, queueingServiceResponse, type DSErrorCode, type DSRequestBody } from '../../harness/messages/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import { dsErrorResponse, type ProviderDefects } from '../../harness/provider/index.js';
import { mayReadBody, type PlantedBug } from './planted-bug.js';

const octets = (body: Uint8Array, status = 200) => new Response(body, { status, headers: { 'content-type': 'application/octet-stream' } });
const pathOf = (request: Request) => new URL(request.url).pathname;
/** A well-formed POST (profile §10), so that a wrapper leaves the wrong methods and content types to the provider's own answers. */
const wellFormedPost = (request: Request) => request.method === 'POST' && (request.headers.get('content-type') ?? '').split(';')[0]?.trim() === 'application/octet-stream' && mayReadBody(request);
/** The discovery request (profile §11). */
const isDiscovery = (request: Request) => request.method === 'GET' && pathOf(request) === '/.well-known/mimi/ds-domain';

/** The request type of a /group_operation body, or undefined if it is another path or does not decode. */
async function requestTypeOf(request: Request): Promise<DSRequestBody['request_type'] | undefined> {
  if (pathOf(request) !== '/group_operation' || !wellFormedPost(request)) return undefined;
  try {
    return decode(dsRequest, new Uint8Array(await request.clone().arrayBuffer())).request_body.request_type;
  } catch {
    return undefined;
  }
}

/** A reference target whose handler answers some requests itself instead of passing them on. */
function intercepting(domain: string, name: string, answer: (request: Request) => Promise<Response | undefined> | Response | undefined, dsDomain?: string): Target {
  const inner = referenceTarget({ domain, ...(dsDomain === undefined ? {} : { dsDomain }) });
  return wrapTarget(inner, name, (handler: FetchHandler): FetchHandler => async (request, info) => (await answer(request)) ?? handler(request, info));
}

/** Refuses every /group_operation request of one type with `code`. */
const refusing = (domain: string, name: string, type: DSRequestBody['request_type'], code: DSErrorCode): Target =>
  intercepting(domain, name, async (request) => ((await requestTypeOf(request)) === type ? dsErrorResponse(code, `refused (${name})`) : undefined));

/** Whether a request is a /deliver_message carrying a Welcome. */
async function deliversWelcome(request: Request): Promise<boolean> {
  if (pathOf(request) !== '/deliver_message' || !wellFormedPost(request)) return false;
  try {
    return decode(queueingServiceRequest, new Uint8Array(await request.clone().arrayBuffer())).fanout_request.mls_message.value.wireformat === 'mls_welcome';
  } catch {
    return false;
  }
}

const qsOk = () => octets(encode(queueingServiceResponse, { protocol_version: 1, response_body: { response_type: 'ok' } }));

const defective = (domain: string, name: string, defects: ProviderDefects): Target => referenceTarget({ domain, name, defects });

/** The flows in which a harness peer must find the target's DS by discovery: a wrong answer breaks each. */
const DISCOVERY_DEPENDENT = ['scripted.connection.establish', 'scripted.key-packages.last-resort', 'scripted.verification-key.rotation', 'scripted.discovery.ds-domain'];

/**
 * What else a wrong discovery answer breaks, as the whole-catalog matrix measured it: the
 * discovery check itself, and every check in which a harness peer sends the target a
 * provider-to-provider payload, since the peer finds the target's DS by discovery first.
 */
const DISCOVERY_BROKEN = [...DISCOVERY_DEPENDENT, 'transport.discovery.ds-domain', 'forwarding.deliver-message.recipient-mismatch', 'forwarding.connection-request.recipient-mismatch', 'forwarding.deliver-message.wrong-label', 'forwarding.connection-request.wrong-label', 'forwarding.connection-request.sender-mismatch', 'adversarial.forwarded-delivery', 'adversarial.spoofed-sender', 'adversarial.relabelled-delivery', 'adversarial.replay.fan-out', 'adversarial.replay.reused-message-id', 'adversarial.replay.connection-request', 'adversarial.replay.key-package-request', 'adversarial.replay.connection-key-package-request', 'adversarial.replay.refused-then-fixed', 'adversarial.non-owner-delivery', 'adversarial.false-key-package-answer'];

/** Planted bugs the scripted flows catch (issue 10 §4). */
export const SCRIPTED_PLANTED: readonly PlantedBug[] = [
  {
    name: 'answers a connection request ok and queues nothing',
    caughtBy: ['scripted.connection.establish', 'transport.http.error-carrier', 'forwarding.connection-request.recipient-mismatch', 'forwarding.connection-request.wrong-label', 'forwarding.connection-request.sender-mismatch', 'adversarial.relabelled-delivery', 'adversarial.replay.connection-request', 'adversarial.replay.connection-key-package-request', 'malformed.connection-request.spoiled-body'],
    target: (domain) => intercepting(domain, 'drops connection requests', (request) => (pathOf(request) === '/connection_request' && wellFormedPost(request) ? qsOk() : undefined)),
  },
  {
    name: 'drops a Welcome (answers ok, queues nothing)',
    caughtBy: ['scripted.key-packages.last-resort', 'scripted.verification-key.rotation', 'scripted.discovery.ds-domain', 'forwarding.deliver-message.recipient-mismatch', 'forwarding.connection-request.recipient-mismatch', 'forwarding.deliver-message.wrong-label', 'forwarding.connection-request.wrong-label', 'forwarding.connection-request.sender-mismatch', 'adversarial.forwarded-delivery', 'adversarial.spoofed-sender', 'adversarial.relabelled-delivery', 'adversarial.replay.fan-out', 'adversarial.replay.reused-message-id', 'adversarial.replay.key-package-request', 'adversarial.replay.refused-then-fixed', 'adversarial.non-owner-delivery'],
    target: (domain) => intercepting(domain, 'drops Welcomes', async (request) => ((await deliversWelcome(request)) ? qsOk() : undefined)),
  },
  { name: 'does not fan a self-remove proposal out', caughtBy: ['scripted.three-provider.authors-flow', 'ds.commit.missing-proposal', 'ds.self-remove.stored'], target: (domain) => defective(domain, 'drops self-remove fan-out', { dropSelfRemoveFanOut: true }) },
  { name: 'forgets a self-remove on external join', caughtBy: ['scripted.joins.welcome-external-resync'], target: (domain) => defective(domain, 'forgets self-removes on external join', { forgetSelfRemoveOnExternalJoin: true }) },
  { name: 'refuses AddClients', caughtBy: ['scripted.multi-device.add-remove-clients', 'ds.add-users.no-existing-members', 'ds.add-clients.credential-unchanged', 'ds.add-clients.only-adds', 'ds.remove-clients.only-removes'], target: (domain) => refusing(domain, 'refuses AddClients', 'ds_add_clients', 'invalid_commit') },
  { name: 'serves a stale GroupInfo after a ReInit', caughtBy: ['scripted.reinit.new-group'], target: (domain) => defective(domain, 'stale after ReInit', { staleGroupInfoAfterReinit: true }) },
  { name: 'refuses every ReInit', caughtBy: ['scripted.reinit.new-group'], target: (domain) => refusing(domain, 'refuses ReInit', 'ds_re_initialize_group', 'invalid_proposal') },
  {
    name: 'acknowledges a delete and keeps the group',
    caughtBy: ['scripted.delete.group-gone', 'ds.delete-group.forgotten'],
    target: (domain) => intercepting(domain, 'keeps deleted groups', async (request) => ((await requestTypeOf(request)) === 'ds_delete_group' ? octets(encode(dsResponse, { protocol_version: 1, response_body: { response_type: 'ok' } })) : undefined)),
  },
  { name: 'no last-resort KeyPackage', caughtBy: ['scripted.key-packages.last-resort'], target: (domain) => defective(domain, 'no last resort', { noLastResortKeyPackage: true }) },
  { name: 'caches verification keys forever', caughtBy: ['scripted.verification-key.rotation'], target: (domain) => defective(domain, 'caches keys forever', { cacheVerificationKeysForever: true }) },
  { name: 'never fetches a rotated verification key', caughtBy: ['scripted.verification-key.rotation', 'adversarial.replay.refused-then-fixed'], target: (domain) => defective(domain, 'no key refetch', { noVerificationKeyRefetch: true }) },
  {
    name: 'discovery names the provider domain instead of its DS domain',
    caughtBy: DISCOVERY_BROKEN,
    target: (domain) => intercepting(domain, 'discovery names the provider', (request) => (isDiscovery(request) ? octets(encode(dsDomainResponse, { ds_domain: domain })) : undefined)),
  },
  {
    name: 'discovery names ds.<domain> though its DS is elsewhere',
    caughtBy: DISCOVERY_BROKEN,
    target: (domain) => intercepting(domain, 'discovery assumes ds.<domain>', (request) => (isDiscovery(request) ? octets(encode(dsDomainResponse, { ds_domain: `ds.${domain}` })) : undefined), `mimi.${domain}`),
  },
  { name: 'skips one guest provider in fan-out', caughtBy: ['scripted.fan-out.five-providers'], target: (domain) => defective(domain, 'skips a guest', { fanOutSkipsFourthGuest: true }) },
];
