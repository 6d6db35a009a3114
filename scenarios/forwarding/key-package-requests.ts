import { refusedKeyPackageRequest, signedKeyPackageRequest, type Check, type KeyPackageKind } from '../../harness/conformance/index.js';
import { CONNECTION_KEY_PACKAGE_REQUEST_LABEL, GROUP_KEY_PACKAGE_REQUEST_LABEL } from '../../harness/messages/index.js';

const WRONG_RECIPIENT = [{ status: 421, code: 'wrong_recipient' }] as const;
const INVALID_SIGNATURE = [{ status: 403, code: 'invalid_signature' }] as const;
const ENDPOINT = { group: 'Group KeyPackage Retrieval', connection: 'Connection KeyPackage Retrieval' } as const;
const path = (kind: KeyPackageKind) => (kind === 'group' ? 'group-key-packages' : 'connection-key-packages');

/** Profile §6 step 1 on a KeyPackage endpoint: a request naming another DS as recipient is refused before anything is used up. */
function recipientMismatch(kind: KeyPackageKind): Check {
  return {
    id: `forwarding.${path(kind)}.recipient-mismatch`,
    section: `transport draft "Transport Security and Authentication", "${ENDPOINT[kind]}"; PROFILE §5, §6`,
    quote: 'Check that recipient equals its own DS domain, before anything else once the body has decoded. Otherwise wrong_recipient (421).',
    level: 'MUST',
    role: 'endpoint',
    needs: ['control'],
    alternatives: ['421 wrong_recipient'],
    run: (ctx) => refusedKeyPackageRequest(ctx, { kind, what: 'a signed request naming ds.elsewhere.test as recipient', permitted: WRONG_RECIPIENT, forge: (m, f) => signedKeyPackageRequest(m, kind, { ...f, recipient: 'ds.elsewhere.test' }) }),
  };
}

/** Profile §6 step 2: the signature is checked with the key of the DS named in `sender`; a persona naming another sender fails it. */
function senderMismatch(kind: KeyPackageKind): Check {
  return {
    id: `forwarding.${path(kind)}.sender-mismatch`,
    section: `"${ENDPOINT[kind]}"; PROFILE §6, §7`,
    quote: 'Verify signature with the sender\'s verification key ... Otherwise invalid_signature (403).',
    level: 'MUST',
    role: 'endpoint',
    needs: ['control'],
    alternatives: ['403 invalid_signature'],
    run: (ctx) => {
      const other = ctx.peers[0];
      if (other === undefined) throw new Error('no harness peer 0');
      // Sender and requester both name peer 0, so the requester check (§5) would pass: only the signature can refuse it.
      return refusedKeyPackageRequest(ctx, { kind, what: `a request naming ${other.dsDomain} as sender, signed by the persona's key`, permitted: INVALID_SIGNATURE, forge: (m, f) => signedKeyPackageRequest(m, kind, { ...f, sender: other.dsDomain, requester: { user_name: 'alice', domain: other.domain } }) });
    },
  };
}

/** Profile §7: each struct has its own label; a valid signature under another struct's label does not verify. */
function wrongLabel(kind: KeyPackageKind): Check {
  const label = kind === 'group' ? CONNECTION_KEY_PACKAGE_REQUEST_LABEL : GROUP_KEY_PACKAGE_REQUEST_LABEL;
  return {
    id: `forwarding.${path(kind)}.wrong-label`,
    section: `"${ENDPOINT[kind]}"; PROFILE §7`,
    quote: 'with a distinct label per struct, no signed struct can be passed off as another',
    level: 'PROFILE',
    role: 'endpoint',
    needs: ['control'],
    alternatives: ['403 invalid_signature'],
    run: (ctx) => refusedKeyPackageRequest(ctx, { kind, what: `a request signed by its sender under the label "${label}"`, permitted: INVALID_SIGNATURE, forge: (m, f) => signedKeyPackageRequest(m, kind, f, { label }) }),
  };
}

/** Profile §5: the requester must belong to the sending provider (discovery of its domain gives the sender). */
function requesterOfSender(kind: KeyPackageKind): Check {
  return {
    id: `forwarding.${path(kind)}.requester-of-sender`,
    section: `"${ENDPOINT[kind]}"; PROFILE §5`,
    quote: 'The receiver MUST check that the requester belongs to the sending provider: discovery (§11) of requester.domain must give sender; otherwise the request is refused with unauthorized.',
    level: 'PROFILE',
    role: 'endpoint',
    needs: ['control'],
    alternatives: ['403 unauthorized'],
    run: (ctx) => {
      const other = ctx.peers[0];
      if (other === undefined) throw new Error('no harness peer 0');
      return refusedKeyPackageRequest(ctx, { kind, what: `a request by the persona, validly signed, on behalf of a user of ${other.domain}`, permitted: [{ status: 403, code: 'unauthorized' }], forge: (m, f) => signedKeyPackageRequest(m, kind, { ...f, requester: { user_name: 'alice', domain: other.domain } }) });
    },
  };
}

/**
 * The forwarding checks of the two KeyPackage endpoints (profile §5, §6,
 * §7): recipient, sender, label and requester, each refused with nothing used up.
 *
 * @example
 * await runCatalog({ target, checks: KEY_PACKAGE_FORWARDING_CHECKS, seed: 1 });
 */
export const KEY_PACKAGE_FORWARDING_CHECKS: readonly Check[] = [recipientMismatch('group'), recipientMismatch('connection'), senderMismatch('group'), senderMismatch('connection'), wrongLabel('group'), wrongLabel('connection'), requesterOfSender('group'), requesterOfSender('connection')];
