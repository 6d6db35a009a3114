import { decode, DecodeError, encode } from '../../harness/codec/index.js';
import { captured, decodeQs, harnessClient, sendRequest, settleTarget, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { dsFanoutRequestTbs, FANOUT_SIGNATURE_LABELS, SignatureScheme, verificationKeyRequest, verificationKeyResponse, type DSFanoutRequest } from '../../harness/messages/index.js';
import { isAllowedScheme, verifyWithLabelAs } from '../../harness/mls/index.js';

const ALLOWED = (Object.keys(SignatureScheme) as SignatureScheme[]).filter(isAllowedScheme);

/** A signed payload the target made: its label, its TBS bytes and the signature (profile §7). */
interface Signed {
  readonly what: string;
  readonly label: string;
  readonly tbs: Uint8Array;
  readonly signature: Uint8Array;
}

function signedFanOut(kind: 'deliver_message' | 'connection_request', fanout: DSFanoutRequest): Signed {
  const { signature, ...fields } = fanout;
  return { what: `its ${kind} of a ${fanout.mls_message.value.wireformat} to ${fanout.recipient}`, label: FANOUT_SIGNATURE_LABELS[kind], tbs: encode(dsFanoutRequestTbs, fields), signature };
}

/** What is wrong with the target's VerificationKeyResponse by `method` for `signed`, or undefined; `refused` when the method is not served. */
async function judgeKey(ctx: CheckContext, method: 'GET' | 'POST', signed: Signed): Promise<{ readonly problem?: string; readonly refused?: number; readonly scheme?: string }> {
  const asker = ctx.peers[0];
  if (asker === undefined) throw new Error('needs a harness peer');
  const body = encode(verificationKeyRequest, { protocol_version: 1, sender: asker.dsDomain, recipient: ctx.target.dsDomain });
  const answer = await sendRequest(ctx, { source: asker.domain, url: `https://${ctx.target.dsDomain}/verification_key`, method, headers: { 'content-type': 'application/octet-stream' }, body });
  if (answer.status !== 200) return { refused: answer.status };
  let response;
  try {
    response = decode(verificationKeyResponse, answer.body, { rootName: 'VerificationKeyResponse' });
  } catch (error) {
    if (error instanceof DecodeError) return { problem: `${method} /verification_key answered 200 with no VerificationKeyResponse: ${error.message}` };
    throw error;
  }
  const scheme = response.signature_scheme;
  if (response.domain !== ctx.target.dsDomain) return { problem: `${method} /verification_key answered the key of ${response.domain}` };
  if (!isAllowedScheme(scheme)) return { problem: `${method} /verification_key names ${scheme}, which profile §5 does not allow` };
  if (await verifyWithLabelAs(scheme, response.verification_key, signed.label, signed.tbs, signed.signature)) return { scheme };
  const actually: SignatureScheme[] = [];
  for (const other of ALLOWED) if (other !== scheme && (await verifyWithLabelAs(other, response.verification_key, signed.label, signed.tbs, signed.signature))) actually.push(other);
  const key = `a ${response.verification_key.length}-byte key`;
  return { problem: `${method} /verification_key names ${scheme} with ${key}; the signature on ${signed.what} does not verify as ${scheme}${actually.length > 0 ? `, it verifies as ${actually.join(' and ')}` : ' (nor under another allowed scheme with that key)'}` };
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const guest = ctx.peers[1];
  if (guest === undefined) throw new Error('needs two harness peers');
  const expected = `the signature on the target's fan-out to ${guest.dsDomain} verifies under exactly the signature_scheme, and with the key, that its VerificationKeyResponse names: by GET and, when the target takes it, by POST`;
  // alice adds bob to a group on the target's DS, which signs and delivers his Welcome; whether bob's provider could verify it is not this check's question.
  const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
  const bob = await harnessClient(ctx, { user: 'bob', peer: 1 });
  const group = await alice.createGroup('regular', { dsDomain: ctx.target.dsDomain });
  await alice.addUsers(group, [bob.id]);
  await settleTarget(ctx);
  const entry = captured(ctx, { path: '/deliver_message', destination: guest.dsDomain }).find((e) => e.source === ctx.target.domain || e.source === ctx.target.dsDomain);
  if (entry === undefined) return { status: 'fail', expected, actual: `the target delivered nothing to ${guest.dsDomain} (bob's Welcome)` };
  const request = decodeQs(entry.request);
  const signed = signedFanOut(request.request_type, request.fanout_request);
  const byGet = await judgeKey(ctx, 'GET', signed);
  if (byGet.refused !== undefined) return { status: 'fail', expected, actual: `GET /verification_key answered ${byGet.refused}` };
  if (byGet.problem !== undefined) return { status: 'fail', expected, actual: byGet.problem };
  const byPost = await judgeKey(ctx, 'POST', signed);
  if (byPost.problem !== undefined) return { status: 'fail', expected, actual: byPost.problem };
  return { status: 'pass', expected, actual: `${signed.what} verifies as ${byGet.scheme ?? '?'}, the scheme GET${byPost.refused === undefined ? ' and POST' : ''} /verification_key name${byPost.refused === undefined ? '' : `s (POST: ${byPost.refused})`}` };
}

/**
 * Profile §7: "`VerificationKeyResponse.signature_scheme` names the scheme
 * actually used", and §5: "The receiver MUST verify with the scheme
 * `signature_scheme` names, never with one it assumes." The target owns a
 * group with bob at a harness peer, so it signs and delivers bob's Welcome
 * to that peer; the check fetches the target's VerificationKeyResponse
 * itself and verifies the captured signature with exactly the scheme and
 * key it names (a mismatch says which scheme it really verifies under).
 *
 * @example
 * await runCatalog({ target, checks: [verificationKeyScheme], seed: 1 });
 */
export const verificationKeyScheme: Check = {
  id: 'forwarding.verification-key.scheme',
  section: 'transport draft "Verification Key"; PROFILE §5 Verification key (Schemes), §7 Signatures',
  quote: 'VerificationKeyResponse.signature_scheme names the scheme actually used.',
  level: 'PROFILE',
  role: 'ds',
  alternatives: ['/verification_key by GET (required) and POST (SHOULD; a refusal of POST passes here)', 'ed25519 or ecdsa_secp256r1_sha256'],
  run,
};
