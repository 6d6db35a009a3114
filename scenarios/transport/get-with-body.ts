import { encode, toHex } from '../../harness/codec/index.js';
import { decodeErrorAnswer, sendRequest, type Check, type CheckContext, type CheckVerdict, type WireAnswer } from '../../harness/conformance/index.js';
import { dsRequest, mimiGroupId, verificationKeyRequest } from '../../harness/messages/index.js';

/** A GET-with-body endpoint, the body sent, and what the GET must show: that its body was read (not a framing or decoding refusal). */
interface Probe {
  readonly path: string;
  readonly body: Uint8Array;
  /** The answers the body calls for (any of them): a status, and for an error the code. */
  readonly expect: readonly { readonly status: number; readonly code?: string }[];
}

function probes(ctx: CheckContext): Probe[] {
  const sender = ctx.peers[0]?.dsDomain ?? 'ds.peer-a.test';
  // A group id naming the target's DS that it never issued: the answer (404 unknown_group) exists only if the body was read.
  const group = encode(mimiGroupId, { ds_domain: ctx.target.dsDomain, local_id: new Uint8Array(16).fill(7) });
  return [
    { path: '/verification_key', body: encode(verificationKeyRequest, { protocol_version: 1, sender, recipient: ctx.target.dsDomain }), expect: [{ status: 200 }] },
    { path: '/external_commit_information', body: encode(dsRequest, { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: group } }, authentication_data: { auth_type: 'anonymous' } }), expect: [{ status: 404, code: 'unknown_group' }] },
    // Anonymous: refused for its auth type (profile §8) or for the unknown group, whichever the target checks first.
    { path: '/welcome_information', body: encode(dsRequest, { version: 1, request_body: { request_type: 'ds_welcome_info', welcome_info_request: { group_id: group, epoch: 1n } }, authentication_data: { auth_type: 'anonymous' } }), expect: [{ status: 403, code: 'unauthorized' }, { status: 404, code: 'unknown_group' }] },
  ];
}

const describe = (answer: WireAnswer): string => {
  const error = decodeErrorAnswer('DSResponse', answer.body);
  return `${answer.status}${error.ok ? ` ${error.code}` : ` (${answer.body.length} bytes)`}`;
};

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const problems: string[] = [];
  const notes: string[] = [];
  for (const probe of probes(ctx)) {
    const url = `https://${ctx.target.dsDomain}${probe.path}`;
    const headers = { 'content-type': 'application/octet-stream' };
    const get = await sendRequest(ctx, { source: 'conformance-client', url, method: 'GET', headers, body: probe.body });
    const post = await sendRequest(ctx, { source: 'conformance-client', url, method: 'POST', headers, body: probe.body });
    const code = decodeErrorAnswer('DSResponse', get.body);
    const wanted = probe.expect.map((e) => `${e.status}${e.code === undefined ? '' : ` ${e.code}`}`).join(' or ');
    if (!probe.expect.some((e) => get.status === e.status && (e.code === undefined || (code.ok && code.code === e.code)))) {
      problems.push(`GET ${probe.path} with a body: ${describe(get)}, not ${wanted} (the body was not read as the request)`);
      continue;
    }
    // POST SHOULD be accepted with the same body (profile §10); a 405 is the SHOULD not met, not a violation of the MUST.
    if (post.status === 405) notes.push(`POST ${probe.path} refused with 405 (the profile's SHOULD not met)`);
    else if (post.status !== get.status || toHex(post.body) !== toHex(get.body)) problems.push(`POST ${probe.path} with the same body: ${describe(post)}, the GET ${describe(get)}: not the same answer`);
  }
  const expected = 'each GET-with-body endpoint reads its body (the answer it calls for), and a POST with the same body gets the same status and bytes (or 405: POST is a SHOULD)';
  return problems.length === 0 ? { status: 'pass', expected, actual: notes.length === 0 ? 'GET read its body on all 3; POST answered identically' : notes.join('; ') } : { status: 'fail', expected, actual: problems.join('; ') };
}

/**
 * Profile §10 "GET with a body": the transport draft puts a request body on
 * three GETs; servers MUST read it (sent with Content-Length) and SHOULD
 * accept POST with the same body on the same paths. The bodies are chosen so
 * that only a server that read them can give the expected answer.
 *
 * @example
 * await runChecks({ target, checks: [getWithBody], seed: 1 });
 */
export const getWithBody: Check = {
  id: 'transport.http.get-with-body',
  section: 'Transport draft "Welcome Information", "External Commit Information", "Verification Key"; PROFILE §10 GET with a body',
  quote: 'Servers MUST read the body of these GETs, sent with Content-Length.',
  level: 'MUST',
  role: 'endpoint',
  alternatives: ['POST with the same body answered identically', 'POST refused with 405 (the SHOULD not met)'],
  run,
};
