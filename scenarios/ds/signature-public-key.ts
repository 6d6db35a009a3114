import { decode, DecodeError, encode, toHex } from '../../harness/codec/index.js';
import { describeOutcome, harnessClient, sendRequest, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { verificationKeyRequest, verificationKeyResponse } from '../../harness/messages/index.js';
import { postDsRequest, RequestRefused } from '../../harness/scenario/index.js';

/** The key /verification_key serves by `method`, or why there is none (profile §5; POST SHOULD be accepted, §10). */
async function servedKey(ctx: CheckContext, method: 'GET' | 'POST'): Promise<{ readonly key?: string; readonly problem?: string; readonly status: number }> {
  const sender = ctx.peers[0]?.dsDomain ?? 'ds.peer-a.test';
  const body = encode(verificationKeyRequest, { protocol_version: 1, sender, recipient: ctx.target.dsDomain });
  const answer = await sendRequest(ctx, { source: ctx.peers[0]?.domain ?? 'outside', url: `https://${ctx.target.dsDomain}/verification_key`, method, headers: { 'content-type': 'application/octet-stream' }, body });
  if (answer.status !== 200) return { status: answer.status, problem: `${method} answered ${answer.status}` };
  try {
    return { status: 200, key: toHex(decode(verificationKeyResponse, answer.body, { rootName: 'VerificationKeyResponse' }).verification_key) };
  } catch (error) {
    if (error instanceof DecodeError) return { status: 200, problem: `${method}: ${error.message}` };
    throw error;
  }
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const alice = await harnessClient(ctx, { user: 'alice' });
  const expected = 'ds_signature_public_key (anonymous) answers the key that /verification_key serves, by GET and, when the target takes it, by POST';
  const request = { version: 1, request_body: { request_type: 'ds_signature_public_key' }, authentication_data: { auth_type: 'anonymous' } } as const;
  let asked;
  try {
    asked = await postDsRequest(ctx.network, alice.provider.domain, ctx.target.dsDomain, '/group_operation', request);
  } catch (error) {
    if (error instanceof RequestRefused) return { status: 'fail', expected, actual: `ds_signature_public_key: ${describeOutcome({ status: error.status, code: error.code, detail: error.detail })}` };
    throw error;
  }
  if (asked.response_type !== 'signature_public_key') return { status: 'fail', expected, actual: `ds_signature_public_key answered ${asked.response_type}` };
  const key = toHex(asked.signature_public_key);
  const byGet = await servedKey(ctx, 'GET');
  if (byGet.key !== key) return { status: 'fail', expected, actual: byGet.problem ?? `GET /verification_key serves ${byGet.key?.slice(0, 16) ?? ''}…, ds_signature_public_key ${key.slice(0, 16)}…` };
  const byPost = await servedKey(ctx, 'POST');
  if (byPost.status === 200 && byPost.key !== key) return { status: 'fail', expected, actual: byPost.problem ?? `POST /verification_key serves ${byPost.key?.slice(0, 16) ?? ''}…, ds_signature_public_key ${key.slice(0, 16)}…` };
  // The key's bytes are the target's own randomness, which no seed drives: a pass names its size, so that two runs of one seed give the same JSON.
  return { status: 'pass', expected, actual: `one key of ${asked.signature_public_key.length} bytes${byPost.status === 200 ? ' (GET and POST)' : ` (POST: ${byPost.status})`}` };
}

/**
 * DS draft "Fetch the DS' signature public key"; profile §8:
 * `ds_signature_public_key` returns the DS's provider verification key, the
 * same key `/verification_key` serves (other DSs verify its fan-out with it).
 *
 * @example
 * await runCatalog({ target, checks: [signaturePublicKey], seed: 1 });
 */
export const signaturePublicKey: Check = {
  id: 'ds.signature-public-key.verification-key',
  section: 'DS draft "Fetch the DS\' signature public key"; PROFILE §8, §10',
  quote: 'ds_signature_public_key returns the DS\'s provider verification key, the same key /verification_key serves',
  level: 'PROFILE',
  role: 'ds',
  alternatives: ['/verification_key by GET (required) and POST (SHOULD; a refusal of POST passes here)'],
  run,
};
