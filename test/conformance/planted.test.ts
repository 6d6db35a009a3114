import { describe, expect, it } from 'vitest';
import { decode, encode } from '../../harness/codec/index.js';
import { referenceTarget, runChecks, wrapTarget, type CheckResult, type Target } from '../../harness/conformance/index.js';
import { verificationKeyRequest } from '../../harness/messages/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import { CATALOG } from '../../scenarios/index.js';

const reference = referenceTarget({ domain: 'target.test' });

/** Planted bug: every 405 becomes an empty 200 (the router forgets method checks). */
const answers200For405 = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  return response.status === 405 ? new Response(new Uint8Array(0), { status: 200, headers: { 'content-type': 'application/octet-stream' } }) : response;
};

/** Planted bug: the 405 is right but carries no Allow header (RFC 9110 §15.5.6 makes it a MUST). */
const noAllowHeader = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (response.status !== 405) return response;
  const headers = new Headers(response.headers);
  headers.delete('allow');
  return new Response(await response.arrayBuffer(), { status: 405, headers });
};

/** Planted bug: the 415 is right but its body is text, not the endpoint's error carrier. */
const textual415 = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  return response.status === 415 ? new Response('unsupported media type', { status: 415, headers: { 'content-type': 'text/plain' } }) : response;
};

/** Planted bug: the Content-Type is never looked at (every request is treated as application/octet-stream). */
const ignoresContentType = (inner: FetchHandler): FetchHandler => async (request, info) => {
  if (request.method !== 'POST') return inner(request, info);
  const headers = new Headers(request.headers);
  headers.set('content-type', 'application/octet-stream');
  return inner(new Request(request.url, { method: 'POST', headers, body: await request.arrayBuffer() }), info);
};

/** Planted bug: /verification_key skips the recipient check, answering a request for any DS with its own key. */
const skipsKeyRecipientCheck = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const url = new URL(request.url);
  if (url.pathname !== '/verification_key' || request.method !== 'GET' || info.rawBody === null) return inner(request, info);
  const asked = decode(verificationKeyRequest, new Uint8Array(await new Response(info.rawBody).arrayBuffer()), { rootName: 'VerificationKeyRequest' });
  const body = encode(verificationKeyRequest, { ...asked, recipient: url.hostname });
  const headers = { 'content-type': 'application/octet-stream', 'content-length': String(body.length) };
  return inner(new Request(request.url, { method: 'POST', headers, body }), { ...info, rawBody: null });
};

const statuses = (results: readonly CheckResult[]): Record<string, string> => Object.fromEntries(results.map((r) => [r.id, r.status]));
const allPass = Object.fromEntries(CATALOG.map((c) => [c.id, 'pass']));

async function failingChecks(target: Target): Promise<string[]> {
  const results = await runChecks({ target, checks: CATALOG, seed: 1 });
  return results.filter((r) => r.status !== 'pass').map((r) => r.id);
}

describe('the first catalog slice against planted bugs (issue 10 §4)', () => {
  it('the unmodified reference provider passes every check, with its exchanges as evidence', async () => {
    const results = await runChecks({ target: reference, checks: CATALOG, seed: 1 });
    expect(statuses(results)).toEqual(allPass);
    const [methods, media, recipient] = results;
    // 9 endpoint paths, 5 POST paths × 2 wrong types, 2 key requests: every request the check made is in its evidence.
    expect(methods?.evidence.exchanges.map((e) => [e.method, e.status])).toEqual(Array.from({ length: 9 }, () => ['DELETE', 405]));
    expect(media?.evidence.exchanges.map((e) => e.status)).toEqual(Array.from({ length: 10 }, () => 415));
    expect(recipient?.evidence.exchanges.map((e) => [e.path, e.status, e.source])).toEqual([
      ['/verification_key', 421, 'peer-a.test'],
      ['/verification_key', 200, 'peer-a.test'],
    ]);
    expect(recipient?.evidence.exchanges[0]?.response_decoded).toMatchObject({ struct: 'DSResponse', value: { response_body: { response_type: 'error', error: { code: 'wrong_recipient' } } } });
  });

  it.each([
    ['answers 200 instead of 405', 'transport.http.method-not-allowed', answers200For405],
    ['answers 405 without Allow', 'transport.http.method-not-allowed', noAllowHeader],
    ['ignores Content-Type', 'transport.http.unsupported-media-type', ignoresContentType],
    ['answers 415 with a text body', 'transport.http.unsupported-media-type', textual415],
    ['answers a mismatched recipient with its key', 'forwarding.verification-key.recipient-mismatch', skipsKeyRecipientCheck],
  ] as const)('a target that %s fails exactly %s', async (name, id, wrap) => {
    expect(await failingChecks(wrapTarget(reference, name, wrap))).toEqual([id]);
  });

  it('a failure says what was expected and what the target answered', async () => {
    const [result] = await runChecks({ target: wrapTarget(reference, 'skips recipient', skipsKeyRecipientCheck), checks: CATALOG.slice(2), seed: 1 });
    expect(result?.status).toBe('fail');
    expect(result?.evidence.expected).toContain('421 wrong_recipient');
    expect(result?.evidence.actual).toMatch(/^recipient ds\.peer-b\.test sent to ds\.target\.test: 200 not a DSResponse/);
  });
});
