import { decode, encode } from '../../harness/codec/index.js';
import { referenceTarget, wrapTarget } from '../../harness/conformance/index.js';
import { verificationKeyRequest } from '../../harness/messages/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import type { ProviderDefects } from '../../harness/provider/index.js';
import { mayReadBody, type PlantedBug } from './planted-bug.js';

/** Planted bug: /verification_key skips the recipient check, answering a request for any DS with its own key. */
const skipsKeyRecipientCheck = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const url = new URL(request.url);
  if (url.pathname !== '/verification_key' || request.method !== 'GET' || info.rawBody === null || !mayReadBody(request)) return inner(request, info);
  const bytes = new Uint8Array(await new Response(info.rawBody).arrayBuffer());
  let body: Uint8Array = bytes;
  try {
    body = encode(verificationKeyRequest, { ...decode(verificationKeyRequest, bytes, { rootName: 'VerificationKeyRequest' }), recipient: url.hostname });
  } catch {
    // An undecodable body goes on as it came, so that this bug breaks only the recipient check.
  }
  const headers = { 'content-type': 'application/octet-stream', 'content-length': String(body.length) };
  return inner(new Request(request.url, { method: 'POST', headers, body }), { ...info, rawBody: null });
};

const withDefects = (name: string, caughtBy: readonly string[], defects: ProviderDefects): PlantedBug => ({ name, caughtBy, target: (domain) => referenceTarget({ domain, name, defects }) });

/**
 * Planted bugs in forwarding protection (transport draft §1.1, profile §6).
 *
 * @example
 * for (const bug of FORWARDING_PLANTED) await runCatalog({ target: bug.target('target.test'), checks: CATALOG, seed: 1 });
 */
export const FORWARDING_PLANTED: readonly PlantedBug[] = [
  { name: 'answers a mismatched recipient with its key', caughtBy: ['forwarding.verification-key.recipient-mismatch'], target: (domain) => wrapTarget(referenceTarget({ domain }), 'skips the key recipient check', skipsKeyRecipientCheck) },
  withDefects('skips the recipient check on /deliver_message', ['forwarding.deliver-message.recipient-mismatch', 'adversarial.forwarded-delivery'], { skipRecipientCheck: ['/deliver_message'] }),
  withDefects('skips the recipient check on /connection_request', ['forwarding.connection-request.recipient-mismatch'], { skipRecipientCheck: ['/connection_request'] }),
  withDefects('accepts a delivery signed under the connection-request label', ['forwarding.deliver-message.wrong-label'], { acceptWrongLabel: ['/deliver_message'] }),
  withDefects('accepts a connection request signed under the delivery label', ['forwarding.connection-request.wrong-label', 'adversarial.relabelled-delivery'], { acceptWrongLabel: ['/connection_request'] }),
  withDefects('trusts the sender field of a connection request', ['forwarding.connection-request.wrong-label', 'forwarding.connection-request.sender-mismatch', 'adversarial.relabelled-delivery'], { trustSenderField: ['/connection_request'] }),
  withDefects('skips the recipient check on /group_key_packages', ['forwarding.group-key-packages.recipient-mismatch'], { skipRecipientCheck: ['/group_key_packages'] }),
  withDefects('skips the recipient check on /connection_key_packages', ['forwarding.connection-key-packages.recipient-mismatch'], { skipRecipientCheck: ['/connection_key_packages'] }),
  withDefects('trusts the sender field of a GroupKeyPackageRequest', ['forwarding.group-key-packages.sender-mismatch', 'forwarding.group-key-packages.wrong-label'], { trustSenderField: ['/group_key_packages'] }),
  withDefects('trusts the sender field of a ConnectionKeyPackageRequest', ['forwarding.connection-key-packages.sender-mismatch', 'forwarding.connection-key-packages.wrong-label'], { trustSenderField: ['/connection_key_packages'] }),
  withDefects('asks no proof that the requester belongs to the sender', ['forwarding.group-key-packages.requester-of-sender', 'forwarding.connection-key-packages.requester-of-sender'], { skipRequesterCheck: true }),
  withDefects('accepts a KeyPackage request signed under the other KeyPackage label', ['forwarding.group-key-packages.wrong-label', 'forwarding.connection-key-packages.wrong-label'], { acceptWrongLabel: ['/group_key_packages', '/connection_key_packages'] }),
];
