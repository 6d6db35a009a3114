import { captured, decodeQs, guestWorld, outcomeOf, persona, refusedByGuest, type Check, type CheckContext, type CheckVerdict, type GuestWorld } from '../../harness/conformance/index.js';
import { FANOUT_SIGNATURE_LABELS, type DSFanoutRequest, type QSRequestType } from '../../harness/messages/index.js';

/**
 * The harness DS's deliveries to the target so far (the Welcome first,
 * then alice's "one"), decoded: what a forgery is built from.
 */
function deliveriesToTarget(ctx: CheckContext, world: GuestWorld): DSFanoutRequest[] {
  return captured(ctx, { path: '/deliver_message', source: world.ds.domain, destination: ctx.target.dsDomain }).map((e) => decodeQs(e.request).fanout_request);
}

interface Variant {
  readonly kind: QSRequestType;
  readonly what: string;
  readonly recipient?: string;
  readonly label?: string;
  /** Who signs and sends it: the owning DS itself (default) or bob's provider's persona, naming the owning DS as sender. */
  readonly signer?: 'ds' | 'persona';
  readonly permitted: readonly { readonly status: number; readonly code: string }[];
}

/** The harness DS itself (peer 0, which owns the group) sends a fresh, validly signed payload with one flaw. */
async function run(ctx: CheckContext, variant: Variant): Promise<CheckVerdict> {
  const world = await guestWorld(ctx);
  const [welcome, message] = deliveriesToTarget(ctx, world);
  const base = variant.kind === 'connection_request' ? welcome : message;
  if (base === undefined) throw new Error('the harness DS sent the target no Welcome and message');
  const ds = variant.signer === 'persona' ? world.mallory : persona(ctx, 0);
  const fields = { sender: base.sender, recipient: variant.recipient ?? ctx.target.dsDomain, message_id: ds.freshMessageId(), recipient_ids: [world.carol.id], mls_message: base.mls_message };
  const body = await ds.fanout(fields, variant.kind, variant.label === undefined ? {} : { label: variant.label });
  return refusedByGuest(ctx, world, { what: variant.what, permitted: variant.permitted, attempt: async () => outcomeOf('QueueingServiceResponse', await ds.send(ctx.target.dsDomain, `/${variant.kind}`, body)) });
}

const WRONG_RECIPIENT = [{ status: 421, code: 'wrong_recipient' }] as const;
const INVALID_SIGNATURE = [{ status: 403, code: 'invalid_signature' }] as const;
const ENDPOINT = { deliver_message: 'Deliver Message', connection_request: 'Deliver Connection Request' } as const;
const slug = (kind: QSRequestType) => kind.replace('_', '-');

function recipientMismatch(kind: QSRequestType): Check {
  return {
    id: `forwarding.${slug(kind)}.recipient-mismatch`,
    section: `transport draft "Transport Security and Authentication", "${ENDPOINT[kind]}"; PROFILE §5, §6`,
    quote: 'To prevent forwarding attacks, the payloads of the Delivery Service include both sender and recipient.',
    level: 'MUST',
    role: 'qs',
    needs: ['control'],
    alternatives: ['421 wrong_recipient'],
    run: (ctx) => run(ctx, { kind, what: `a ${kind} for the target's client, signed by the owning DS, naming ds.elsewhere.test as recipient`, recipient: 'ds.elsewhere.test', permitted: WRONG_RECIPIENT }),
  };
}

function wrongLabel(kind: QSRequestType): Check {
  const label = kind === 'deliver_message' ? FANOUT_SIGNATURE_LABELS.connection_request : FANOUT_SIGNATURE_LABELS.deliver_message;
  return {
    id: `forwarding.${slug(kind)}.wrong-label`,
    section: `"${ENDPOINT[kind]}"; PROFILE §5, §7`,
    quote: 'The type also selects the signature label (§7). Why: a signed delivery can then never be replayed as a connection request, nor the other way round.',
    level: 'PROFILE',
    role: 'qs',
    needs: ['control'],
    alternatives: ['403 invalid_signature'],
    run: (ctx) => run(ctx, { kind, what: `a ${kind} signed by the owning DS under the label "${label}"`, label, permitted: INVALID_SIGNATURE }),
  };
}

function senderMismatch(kind: QSRequestType): Check {
  return {
    id: `forwarding.${slug(kind)}.sender-mismatch`,
    section: `"${ENDPOINT[kind]}"; PROFILE §6, §7`,
    quote: 'Verify signature with the sender\'s verification key ... Otherwise invalid_signature (403).',
    level: 'MUST',
    role: 'qs',
    needs: ['control'],
    alternatives: ['403 invalid_signature'],
    run: (ctx) => run(ctx, { kind, what: `a ${kind} naming the owning DS as sender, signed by another provider's key`, signer: 'persona', permitted: INVALID_SIGNATURE }),
  };
}

/**
 * The forwarding checks of the queueing service's two endpoints (profile
 * §5, §6, §7): a payload naming another recipient, one under the other
 * endpoint's label, and (for connection requests; deliveries are
 * adversarial.spoofed-sender's) one signed by a provider other than the
 * sender, each refused with nothing queued for the target's client.
 *
 * @example
 * await runCatalog({ target, checks: QS_FORWARDING_CHECKS, seed: 1 });
 */
export const QS_FORWARDING_CHECKS: readonly Check[] = [recipientMismatch('deliver_message'), recipientMismatch('connection_request'), wrongLabel('deliver_message'), wrongLabel('connection_request'), senderMismatch('connection_request')];
