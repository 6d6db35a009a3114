import { encode, type Codec } from '../codec/index.js';
import { CONNECTION_KEY_PACKAGE_REQUEST_LABEL, FANOUT_SIGNATURE_LABELS, GROUP_KEY_PACKAGE_REQUEST_LABEL } from '../messages/index.js';
import { ProviderError } from './provider-error.js';
import type { ProviderState } from './provider-state.js';
import { readBody, type RequestContext } from './request-body.js';

/** Every provider-to-provider signature label (profile §7), for the planted bug that accepts any of them. */
const PROFILE_LABELS: readonly string[] = [...Object.values(FANOUT_SIGNATURE_LABELS), CONNECTION_KEY_PACKAGE_REQUEST_LABEL, GROUP_KEY_PACKAGE_REQUEST_LABEL];

/** The signed part of a frame: every field but the signature (profile §7). */
function withoutSignature<T extends { signature: Uint8Array }>(frame: T): Omit<T, 'signature'> {
  const copy: Partial<T> = { ...frame };
  delete copy.signature;
  return copy as Omit<T, 'signature'>;
}

/** A signed provider-to-provider request frame (profile §5, §6). */
export interface SignedFrame {
  readonly sender: string;
  readonly recipient: string;
  readonly message_id: bigint;
  readonly signature: Uint8Array;
}

/** How to read one signed request type: its codec, where its frame is, and how it is signed. */
export interface SignedRequestType<B, F extends SignedFrame> {
  readonly name: string;
  readonly codec: Codec<B>;
  readonly frameOf: (body: B) => F;
  readonly tbs: Codec<Omit<F, 'signature'>>;
  /** Checks between the recipient and the signature (e.g. the type matches the path); returns the label to verify with. */
  readonly labelOf: (body: B) => string;
}

/**
 * The checks every signed provider-to-provider request passes, in the
 * profile's order (§6, §13): decoding, recipient first, then the type's
 * own routing check, the sender's signature with its verification key, then
 * replay (an identical repeat gets the first answer; a reused id is
 * refused; a repeat during processing waits for the first). `handle` runs
 * only for a new request and must call `state.live()` before it writes;
 * its successful answer is remembered, a refusal leaves no record.
 *
 * @example
 * return signedRequest(state, request, context, type, (body) => answerBytes);
 */
export async function signedRequest<B, F extends SignedFrame>(state: ProviderState, request: Request, context: RequestContext | undefined, type: SignedRequestType<B, F>, handle: (body: B, frame: F) => Promise<Uint8Array> | Uint8Array): Promise<Response> {
  const body = await readBody(request, context, type.codec, type.name, state.maxBodyBytes);
  const frame = type.frameOf(body);
  const path = new URL(request.url).pathname;
  const defective = (paths: readonly string[] | undefined) => paths?.includes(path) === true;
  // Planted bug (defects.skipRecipientCheck): the recipient check below is the one profile §6 step 1 requires.
  if (frame.recipient !== state.dsDomain && !defective(state.defects.skipRecipientCheck)) throw new ProviderError('wrong_recipient', `this is ${state.dsDomain}; the request is for ${frame.recipient}`);
  const label = type.labelOf(body);
  const tbs = encode(type.tbs, withoutSignature(frame));
  // Planted bugs (defects.trustSenderField, defects.acceptWrongLabel): no signature check at all, or any profile label.
  const labels = defective(state.defects.acceptWrongLabel) ? [label, ...PROFILE_LABELS.filter((l) => l !== label)] : [label];
  let verified = defective(state.defects.trustSenderField);
  for (const candidate of labels) if (!verified) verified = await state.verificationKeys.verify(frame.sender, candidate, tbs, frame.signature);
  if (!verified) throw new ProviderError('invalid_signature', `the signature of ${frame.sender} does not verify`);
  const raw = encode(type.codec, body);
  const process = async () => {
    const answer = await handle(body, frame);
    return new Response(answer, { status: 200, headers: { 'content-type': 'application/octet-stream' } });
  };
  // Planted bug (defects.noReplayMemory): every repeat is processed afresh instead of once (profile §13).
  if (defective(state.defects.noReplayMemory)) return process();
  return state.replays.once(frame.sender, frame.message_id, raw, process);
}
