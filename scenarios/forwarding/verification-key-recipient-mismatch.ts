import { decode, encode } from '../../harness/codec/index.js';
import { decodeErrorAnswer, sendRequest, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { verificationKeyRequest, verificationKeyResponse } from '../../harness/messages/index.js';

/** The refusals the profile permits for a recipient that is not this DS (profile §3 table, §6 step 1). */
const REFUSALS: readonly { readonly status: number; readonly code: string }[] = [{ status: 421, code: 'wrong_recipient' }];

async function keyRequest(ctx: CheckContext, sender: string, recipient: string) {
  const body = encode(verificationKeyRequest, { protocol_version: 1, sender, recipient });
  // The draft's method, GET with a body (transport draft "Verification Key").
  return sendRequest(ctx, { source: ctx.peers[0]?.domain ?? 'conformance-client', url: `https://${ctx.target.dsDomain}/verification_key`, method: 'GET', headers: { 'content-type': 'application/octet-stream' }, body });
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const [sender, other] = ctx.peers;
  if (sender === undefined || other === undefined) return { status: 'skip', expected: 'two harness peers', actual: `${ctx.peers.length}` };
  const expected = `mismatched recipient: ${REFUSALS.map((r) => `${r.status} ${r.code}`).join(' or ')}; correct recipient: 200 with the key of ${ctx.target.dsDomain}`;
  const wrong = await keyRequest(ctx, sender.dsDomain, other.dsDomain);
  const refusal = decodeErrorAnswer('DSResponse', wrong.body);
  const refused = refusal.ok && REFUSALS.some((r) => r.status === wrong.status && r.code === refusal.code);
  if (!refused) return { status: 'fail', expected, actual: `recipient ${other.dsDomain} sent to ${ctx.target.dsDomain}: ${wrong.status} ${refusal.ok ? refusal.code : refusal.problem}` };
  const right = await keyRequest(ctx, sender.dsDomain, ctx.target.dsDomain);
  if (right.status !== 200) return { status: 'fail', expected, actual: `correct recipient: ${right.status}` };
  let domain: string;
  try {
    domain = decode(verificationKeyResponse, right.body, { rootName: 'VerificationKeyResponse' }).domain;
  } catch (error) {
    return { status: 'fail', expected, actual: `correct recipient: 200 but ${error instanceof Error ? error.message : String(error)}` };
  }
  if (domain !== ctx.target.dsDomain) return { status: 'fail', expected, actual: `correct recipient: the key of ${domain}` };
  return { status: 'pass', expected, actual: `${wrong.status} ${refusal.ok ? refusal.code : ''}; then 200 with the key of ${domain}` };
}

/**
 * Transport draft §1.1 / profile §6 step 1: a receiver checks that
 * `recipient` is its own DS domain before anything else; a
 * VerificationKeyRequest naming another DS is refused, a correct one is
 * answered with the receiver's own key.
 *
 * @example
 * await runChecks({ target, checks: [verificationKeyRecipientMismatch], seed: 1 });
 */
export const verificationKeyRecipientMismatch: Check = {
  id: 'forwarding.verification-key.recipient-mismatch',
  section: 'transport draft §1.1; PROFILE §3, §6',
  quote: 'Check that recipient equals its own DS domain, before anything else once the body has decoded. Otherwise wrong_recipient (421).',
  level: 'MUST',
  role: 'ds',
  run,
};
