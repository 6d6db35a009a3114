import { decode, DecodeError, encode, toHex, tryDecode } from '../../harness/codec/index.js';
import { referenceTarget, wrapTarget, type Target } from '../../harness/conformance/index.js';
import { ENDPOINTS, queueingServiceRequest, registryEntry, verificationKeyResponse, type SignatureScheme } from '../../harness/messages/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import type { ProviderDefects } from '../../harness/provider/index.js';
import { mayReadBody, type PlantedBug } from './planted-bug.js';

const octets = (body: Uint8Array, status = 200) => new Response(body, { status, headers: { 'content-type': 'application/octet-stream' } });
const bodyOf = async (request: Request) => new Uint8Array(await request.clone().arrayBuffer());

/** Where an opaque<V> at `offset` keeps its bytes (RFC 9420 §2.1.2 varint header), or undefined if the header is unreadable. */
function vectorAt(bytes: Uint8Array, offset: number): { readonly start: number; readonly end: number } | undefined {
  const first = bytes[offset];
  if (first === undefined) return undefined;
  const width = [1, 2, 4][first >> 6];
  if (width === undefined || offset + width > bytes.length) return undefined;
  let length = first & 0x3f;
  for (let i = 1; i < width; i++) length = length * 256 + (bytes[offset + i] ?? 0);
  return { start: offset + width, end: offset + width + length };
}

const A = 0x41;
const Z = 0x5a;

/**
 * Planted bug (profile §2): FQDNs compared case-insensitively, as DNS names
 * are (RFC 4343), by folding them to lower case on input. A POST body that
 * fails to decode only because an FQDN has upper case is folded, field by
 * field, and handed on as if it had been well-formed.
 *
 * @example
 * wrapTarget(reference, 'folds FQDN case', foldsFqdnCase);
 */
export const foldsFqdnCase = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const endpoint = ENDPOINTS.find((e) => e.path === new URL(request.url).pathname);
  const codec = registryEntry(endpoint?.request ?? '')?.codec;
  if (codec === undefined || request.method !== 'POST' || !mayReadBody(request)) return inner(request, info);
  const original = await bodyOf(request);
  const bytes = original.slice();
  for (let fold = 0; fold < 16; fold++) {
    const decoded = tryDecode(codec, bytes);
    if (decoded.ok) break;
    const field = decoded.error.code === 'invalid-value' && decoded.error.detail.startsWith('invalid FQDN') ? vectorAt(bytes, decoded.error.offset) : undefined;
    if (field === undefined) return inner(request, info);
    let folded = false;
    for (let i = field.start; i < field.end; i++) {
      const byte = bytes[i] ?? 0;
      if (byte >= A && byte <= Z) {
        bytes[i] = byte + 0x20;
        folded = true;
      }
    }
    if (!folded) return inner(request, info);
  }
  if (toHex(bytes) === toHex(original)) return inner(request, info);
  return inner(new Request(request.url, { method: 'POST', headers: request.headers, body: bytes }), info);
};

/**
 * Planted bug (profile §7): /verification_key names another scheme than the
 * key signs with, on the HTTP methods listed (a stale constant on one code
 * path): the signatures are Ed25519, the answer says ECDSA P-256.
 *
 * @example
 * wrapTarget(reference, 'names P-256 on POST', namesOtherScheme(['POST']));
 */
export const namesOtherScheme = (methods: readonly string[], named: SignatureScheme = 'ecdsa_secp256r1_sha256') => (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (new URL(request.url).pathname !== '/verification_key' || !methods.includes(request.method) || response.status !== 200) return response;
  const answer = decode(verificationKeyResponse, new Uint8Array(await response.arrayBuffer()));
  return octets(encode(verificationKeyResponse, { ...answer, signature_scheme: named }));
};

/**
 * Planted bug (profile §13, "Only accepted requests are remembered"): a
 * replay cache in front of the queueing service that keeps refusals too, by
 * (sender, message_id), so a refused delivery repeated once its cause is
 * fixed gets the old refusal again.
 *
 * @example
 * wrapTarget(reference, 'remembers refusals', remembersRefusals);
 */
export const remembersRefusals = (inner: FetchHandler): FetchHandler => {
  const refusals = new Map<string, { readonly status: number; readonly body: Uint8Array }>();
  return async (request, info) => {
    const path = new URL(request.url).pathname;
    if ((path !== '/deliver_message' && path !== '/connection_request') || request.method !== 'POST' || !mayReadBody(request)) return inner(request, info);
    let key: string;
    try {
      const fanout = decode(queueingServiceRequest, await bodyOf(request)).fanout_request;
      key = `${fanout.sender}|${fanout.message_id}`;
    } catch (error) {
      if (error instanceof DecodeError) return inner(request, info);
      throw error;
    }
    const remembered = refusals.get(key);
    if (remembered !== undefined) return octets(remembered.body.slice(), remembered.status);
    const response = await inner(request, info);
    if (response.status === 200) return response;
    const body = new Uint8Array(await response.arrayBuffer());
    refusals.set(key, { status: response.status, body });
    return octets(body, response.status);
  };
};

const withDefects = (name: string, defects: ProviderDefects) => (domain: string): Target => referenceTarget({ domain, name, defects });
const wrapped = (name: string, wrap: (inner: FetchHandler) => FetchHandler) => (domain: string): Target => wrapTarget(referenceTarget({ domain }), name, wrap);

/**
 * Planted bugs for the profile's traceability gaps (issue 10): FQDN rules
 * (§2), the named signature scheme (§5, §7), refusals not remembered (§13),
 * the guest QS's owner check and the client's KeyPackage answer check (§14).
 *
 * @example
 * for (const bug of PROFILE_GAP_PLANTED) await runCatalog({ target: bug.target('target.test'), checks: CATALOG, seed: 1 });
 */
export const PROFILE_GAP_PLANTED: readonly PlantedBug[] = [
  { name: 'folds upper-case FQDNs to lower case instead of refusing them', caughtBy: ['malformed.identifiers.fqdn'], target: wrapped('folds FQDN case', foldsFqdnCase) },
  { name: 'names ECDSA P-256 on POST /verification_key but signs with Ed25519', caughtBy: ['transport.http.get-with-body', 'forwarding.verification-key.scheme'], target: wrapped('names another scheme on POST', namesOtherScheme(['POST'])) },
  { name: 'remembers refused deliveries and refuses their repeats again', caughtBy: ['adversarial.replay.refused-then-fixed'], target: wrapped('remembers refusals', remembersRefusals) },
  { name: 'takes a group message from a DS its group id does not name', caughtBy: ['adversarial.non-owner-delivery'], target: withDefects('qs takes foreign group messages', { qsAcceptsForeignGroupMessages: true }) },
  { name: "uses a peer's KeyPackage answer unchecked", caughtBy: ['adversarial.false-key-package-answer'], target: withDefects('unchecked KeyPackage answers', { takesGroupKeyPackagesUnchecked: true }) },
];
