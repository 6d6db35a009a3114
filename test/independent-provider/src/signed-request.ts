import { encode, type Codec } from 'mimi-transport-harness/codec';
import type { ProviderContext } from './context.js';
import { ok, ProtocolError, type Answer } from './protocol-error.js';

/** The fields every signed provider-to-provider frame has (profile §5, §6). */
export interface SignedFrame {
  readonly sender: string;
  readonly recipient: string;
  readonly message_id: bigint;
  readonly signature: Uint8Array;
}

/**
 * The profile §6 order for a signed request from another provider, after it decoded: 1. `recipient` is this DS
 * (`wrong_recipient`); then the caller's routing check (`label` throws e.g. `wrong_endpoint`); 2. the signature
 * with the sender's verification key (`invalid_signature`); 3. replay memory (profile §13); then `handle`.
 *
 * @example
 * return signedRequest(ctx, body, body.fanout_request, dsFanoutRequestTbs, () => label, async () => answerBytes);
 */
export async function signedRequest<B, F extends SignedFrame>(ctx: ProviderContext, codec: Codec<B>, body: B, frame: F, tbs: Codec<Omit<F, 'signature'>>, label: () => string, handle: () => Promise<Uint8Array>): Promise<Answer> {
  if (frame.recipient !== ctx.dsDomain) throw new ProtocolError('wrong_recipient', `this is ${ctx.dsDomain}; the request is for ${frame.recipient}`);
  const signedLabel = label();
  const { signature, ...fields } = frame;
  const content = encode(tbs, fields);
  if (!(await ctx.keyCache.verify(frame.sender, signedLabel, content, signature))) throw new ProtocolError('invalid_signature', `the signature of ${frame.sender} does not verify with its verification key`);
  return ctx.replays.once(frame.sender, frame.message_id, encode(codec, body), async () => ok(await handle()));
}
