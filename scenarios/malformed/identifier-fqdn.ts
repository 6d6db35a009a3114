import fc from 'fast-check';
import { encode } from '../../harness/codec/index.js';
import { decodeErrorAnswer, replaceBytes, sendRequest, type Check, type CheckContext, type CheckVerdict, type Peer, type WireAnswer } from '../../harness/conformance/index.js';
import {
  dsRequest,
  ENDPOINTS,
  FANOUT_SIGNATURE_LABELS,
  GROUP_KEY_PACKAGE_REQUEST_LABEL,
  groupKeyPackageRequest,
  queueingServiceRequest,
  verificationKeyRequest,
  type DSRequest,
} from '../../harness/messages/index.js';
import { signWithLabel } from '../../harness/mls/index.js';

/** Message ids of the signed probes: past the peer's own and its persona's (profile §13: unique per (sender, recipient), also for an external target that remembers earlier runs). */
const probeId = (peer: Peer, n: number): bigint => peer.firstMessageId + 3_000_000n + BigInt(n);
/** An Ed25519 signature's length (profile §7: the harness peers sign with Ed25519): the slot a probe's signature is written into. */
const SIGNATURE_BYTES = 64;

const utf8 = (text: string) => new TextEncoder().encode(text);

/** A valid FQDN of exactly `length` characters that no probe carries otherwise: labels of q, at most 63 long (profile §2). */
function placeholder(length: number): string {
  let out = '';
  while (length - out.length > 63) out += `${'q'.repeat(62)}.`;
  return out + 'q'.repeat(length - out.length);
}

/** How one probe is built: `build(name)` encodes the body with `name` in the field under test; signed probes name where their TBS starts. */
interface Probe {
  readonly field: string;
  readonly path: string;
  readonly valid: string;
  readonly malformed: string;
  readonly why: string;
  readonly build: (name: string, n: number) => Uint8Array;
  readonly signed?: { readonly tbsStart: number; readonly label: string };
}

/** The body with `name` in the field under test; a signed one signed over its own bytes, so that only the name is wrong (profile §7: the TBS is every field but the signature). */
async function bodyWith(probe: Probe, peer: Peer, name: string, n: number): Promise<Uint8Array> {
  const stand = placeholder(name.length);
  const bytes = replaceBytes(probe.build(stand, n), utf8(stand), utf8(name));
  if (probe.signed === undefined) return bytes;
  const tbs = bytes.slice(probe.signed.tbsStart, bytes.length - SIGNATURE_BYTES - 1);
  const signature = await signWithLabel(peer.provider.signingKey.signKey, probe.signed.label, tbs);
  if (signature.length !== SIGNATURE_BYTES) throw new Error(`a ${signature.length}-byte signature`);
  bytes.set(signature, bytes.length - SIGNATURE_BYTES);
  return bytes;
}

const anonymous = (body: DSRequest['request_body']): Uint8Array => encode(dsRequest, { version: 1, request_body: body, authentication_data: { auth_type: 'anonymous' } });
const noSignature = new Uint8Array(SIGNATURE_BYTES);

/** One probe per kind of field: a ClientID's domain, a UserID's domain (anonymous and signed), a payload's sender, a VerificationKeyRequest's sender (profile §2, §5, §6). */
function probes(ctx: CheckContext, peer: Peer): Probe[] {
  const target = ctx.target.domain;
  const [sample] = fc.sample(queueingServiceRequest.arbitrary(), { seed: ctx.seed, numRuns: 1 });
  if (sample === undefined) throw new Error('no sample MLSMessage');
  const nobody = (domain: string) => ({ user: { user_name: 'nobody', domain }, client_name: 'phone' });
  return [
    {
      field: 'ds_key_packages: ClientID.user.domain', path: '/group_operation', valid: target, malformed: target.toUpperCase(), why: 'upper case',
      build: (name) => anonymous({ request_type: 'ds_key_packages', key_packages_request: { client_identifiers: [nobody(name)] } }),
    },
    {
      field: 'ds_connection_key_packages: UserID.domain', path: '/group_operation', valid: target, malformed: `${target}.`, why: 'a trailing dot',
      build: (name) => anonymous({ request_type: 'ds_connection_key_packages', connection_key_packages_request: { user_identifier: { user_name: 'nobody', domain: name } } }),
    },
    {
      field: 'GroupKeyPackageRequest: requester.domain', path: '/group_key_packages', valid: peer.domain, malformed: peer.domain.replace(/[.-]/, '_'), why: 'an underscore',
      signed: { tbsStart: 0, label: GROUP_KEY_PACKAGE_REQUEST_LABEL },
      build: (name, n) => encode(groupKeyPackageRequest, { protocol_version: 1, sender: peer.dsDomain, recipient: ctx.target.dsDomain, message_id: probeId(peer, n), requester: { user_name: 'prober', domain: name }, request: { client_identifiers: [nobody(target)] }, signature: noSignature }),
    },
    {
      field: 'QueueingServiceRequest: fanout_request.sender', path: '/deliver_message', valid: peer.dsDomain, malformed: peer.dsDomain.toUpperCase(), why: 'upper case',
      signed: { tbsStart: 1, label: FANOUT_SIGNATURE_LABELS.deliver_message },
      build: (name, n) => encode(queueingServiceRequest, { request_type: 'deliver_message', fanout_request: { protocol_version: 1, sender: name, recipient: ctx.target.dsDomain, message_id: probeId(peer, n), recipient_ids: [nobody(target)], mls_message: sample.fanout_request.mls_message, signature: noSignature } }),
    },
    {
      field: 'VerificationKeyRequest: sender', path: '/verification_key', valid: peer.dsDomain, malformed: `${'a'.repeat(64)}.${peer.dsDomain}`, why: 'a label of 64 characters',
      build: (name) => encode(verificationKeyRequest, { protocol_version: 1, sender: name, recipient: ctx.target.dsDomain }),
    },
  ];
}

/** `400 decode_error: …` of an answer in the endpoint's error carrier, or `200`. */
function outcome(path: string, answer: WireAnswer): { readonly text: string; readonly decodeError: boolean } {
  if (answer.status === 200) return { text: '200', decodeError: false };
  const carrier = ENDPOINTS.find((e) => e.path === path)?.errorResponse ?? 'DSResponse';
  const error = decodeErrorAnswer(carrier, answer.body);
  if (!error.ok) return { text: `${answer.status} with no ${carrier} error (${error.problem})`, decodeError: false };
  return { text: `${answer.status} ${error.code}: ${error.message}`, decodeError: answer.status === 400 && error.code === 'decode_error' };
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const peer = ctx.peers[0];
  if (peer === undefined) throw new Error('needs a harness peer');
  const expected = 'each body that is well-formed but for one FQDN that breaks profile §2 (upper case, a trailing dot, an underscore, a 64-character label) is refused 400 decode_error in the endpoint\'s carrier; the same body with the well-formed name is not refused as undecodable';
  const seen: string[] = [];
  let n = 0;
  for (const probe of probes(ctx, peer)) {
    const method = ENDPOINTS.find((e) => e.path === probe.path)?.method ?? 'POST';
    const send = (body: Uint8Array) => sendRequest(ctx, { source: peer.domain, url: `https://${ctx.target.dsDomain}${probe.path}`, method, headers: { 'content-type': 'application/octet-stream' }, body });
    const twin = outcome(probe.path, await send(await bodyWith(probe, peer, probe.valid, n++)));
    if (twin.decodeError) return { status: 'fail', expected, actual: `${probe.path} ${probe.field}: the body with the well-formed "${probe.valid}" was refused ${twin.text}` };
    const bad = outcome(probe.path, await send(await bodyWith(probe, peer, probe.malformed, n++)));
    if (!bad.decodeError) return { status: 'fail', expected, actual: `${probe.path} ${probe.field} = "${probe.malformed}" (${probe.why}): answered ${bad.text}; with "${probe.valid}": ${twin.text}` };
    seen.push(`${probe.field} "${probe.malformed}": ${bad.text}`);
  }
  return { status: 'pass', expected, actual: seen.join('; ') };
}

/**
 * Profile §2 "Identifiers": an FQDN is lower-case ASCII labels by RFC 1035
 * §2.3.1 rules, "checked when decoding"; a body that breaks a text rule does
 * not decode (Decoding rules: `invalid-value`), so it is refused 400
 * `decode_error` (§10). Each probe is a body the target would otherwise
 * take, with one malformed FQDN in a ClientID, a UserID or a domain field,
 * the signed ones signed over their own bytes; its twin with the
 * well-formed name shows that the name alone is what is refused.
 *
 * @example
 * await runCatalog({ target, checks: [identifierFqdn], seed: 1 });
 */
export const identifierFqdn: Check = {
  id: 'malformed.identifiers.fqdn',
  section: 'PROFILE §2 Identifiers, Decoding rules (invalid-value), §10 HTTP semantics',
  quote: 'Upper case is not allowed, and neither is an empty label or a trailing dot. … The rule is checked when decoding, encoding and reading JSON.',
  level: 'PROFILE',
  role: 'endpoint',
  alternatives: ['400 decode_error (its message may name invalid-value and the field)'],
  run,
};
