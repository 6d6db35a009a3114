import { beforeAll, describe, expect, it } from 'vitest';
import { decode, encode, type Codec } from '../../harness/codec/index.js';
import { dsRequest, dsResponse, mimiGroupId, verificationKeyRequest, verificationKeyResponse, type DSRequest } from '../../harness/messages/index.js';
import { createNetwork } from '../../harness/network/index.js';
import { createProvider, type Provider } from '../../harness/provider/index.js';
import { nodeRequest } from '../helpers/network.js';

let alpha: Provider;
beforeAll(async () => {
  let n = 0;
  alpha = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test', randomBytes: (length) => new Uint8Array(length).fill(++n), maxBodyBytes: 4096 });
});

const octets = (bytes: Uint8Array, extra: Record<string, string> = {}) => ({ 'content-type': 'application/octet-stream', 'content-length': String(bytes.length), ...extra });

function post(path: string, bytes: Uint8Array, headers: Record<string, string> = octets(bytes), host = 'ds.alpha.test'): Promise<Response> {
  return alpha.fetch(new Request(`https://${host}${path}`, { method: 'POST', body: bytes, headers }));
}

async function body<T>(response: Response, codec: Codec<T>): Promise<T> {
  return decode(codec, new Uint8Array(await response.arrayBuffer()));
}

async function errorCode(response: Response): Promise<string> {
  const decoded = await body(response, dsResponse);
  return decoded.response_body.response_type === 'error' ? decoded.response_body.error.code : `not an error: ${decoded.response_body.response_type}`;
}

const anonymous = (request_body: DSRequest['request_body']): Uint8Array => encode(dsRequest, { version: 1, request_body, authentication_data: { auth_type: 'anonymous' } });

describe('reference provider: HTTP semantics (profile §10)', () => {
  it('404 for an unknown path, and for a DS endpoint asked on the provider domain', async () => {
    const unknown = await post('/nope', new Uint8Array(1));
    expect([unknown.status, await errorCode(unknown)]).toEqual([404, 'not_found']);
    const wrongHost = await post('/group_operation', new Uint8Array(1), undefined, 'alpha.test');
    expect(wrongHost.status).toBe(404);
  });

  it('405 with Allow for a wrong method', async () => {
    const response = await alpha.fetch(new Request('https://ds.alpha.test/group_operation', { method: 'PUT', body: 'x' }));
    expect([response.status, response.headers.get('allow'), await errorCode(response)]).toEqual([405, 'POST', 'method_not_allowed']);
  });

  it('415 for another content type, 411 without a length, 413 above the limit', async () => {
    const bytes = anonymous({ request_type: 'ds_request_group_id' });
    const typed = await post('/group_operation', bytes, { 'content-type': 'text/plain', 'content-length': String(bytes.length) });
    expect([typed.status, await errorCode(typed)]).toEqual([415, 'unsupported_media_type']);
    const unframed = await post('/group_operation', bytes, { 'content-type': 'application/octet-stream' });
    expect([unframed.status, await errorCode(unframed)]).toEqual([411, 'length_required']);
    const huge = await post('/group_operation', new Uint8Array(5000));
    expect([huge.status, await errorCode(huge)]).toEqual([413, 'payload_too_large']);
  });

  it('400 decode_error naming code, offset and path; unsupported_version for another version', async () => {
    const truncated = anonymous({ request_type: 'ds_request_group_id' }).subarray(0, 3);
    const response = await post('/group_operation', truncated);
    expect(response.status).toBe(400);
    const decoded = await body(response, dsResponse);
    expect(decoded.response_body).toMatchObject({ response_type: 'error', error: { code: 'decode_error', message: expect.stringMatching(/truncated at offset 3 \(DSRequest\.authentication_data/) as unknown } });
    const v2 = anonymous({ request_type: 'ds_request_group_id' });
    v2[1] = 2;
    const old = await post('/group_operation', v2);
    expect([old.status, await errorCode(old)]).toEqual([400, 'unsupported_version']);
  });
});

describe('reference provider: endpoints so far', () => {
  it('RequestGroupId issues a MimiGroupId naming this DS', async () => {
    const response = await post('/group_operation', anonymous({ request_type: 'ds_request_group_id' }));
    expect(response.status).toBe(200);
    const decoded = await body(response, dsResponse);
    if (decoded.response_body.response_type !== 'group_id') throw new Error('no group id');
    expect(decode(mimiGroupId, decoded.response_body.group_id)).toEqual({ ds_domain: 'ds.alpha.test', local_id: expect.any(Uint8Array) as unknown });
  });

  it('refuses a client signature on an anonymous request (profile §8)', async () => {
    const signed = encode(dsRequest, { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: { auth_type: 'client_signature', sender_index: 0, signature: new Uint8Array(64) } });
    const response = await post('/group_operation', signed);
    expect([response.status, await errorCode(response)]).toEqual([403, 'unauthorized']);
  });

  it('the DS signature public key is the provider verification key', async () => {
    const decoded = await body(await post('/group_operation', anonymous({ request_type: 'ds_signature_public_key' })), dsResponse);
    expect(decoded.response_body).toEqual({ response_type: 'signature_public_key', signature_public_key: alpha.verificationKey });
  });

  it('joining-information requests on /group_operation are wrong_endpoint', async () => {
    const response = await post('/group_operation', anonymous({ request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: new Uint8Array([1]) } }));
    expect([response.status, await errorCode(response)]).toEqual([400, 'wrong_endpoint']);
  });

  it('connection KeyPackages of an unknown user are unknown_user, of another provider wrong_recipient', async () => {
    const ask = (domain: string) => post('/group_operation', anonymous({ request_type: 'ds_connection_key_packages', connection_key_packages_request: { user_identifier: { user_name: 'bob', domain } } }));
    const unknown = await ask('alpha.test');
    expect([unknown.status, await errorCode(unknown)]).toEqual([404, 'unknown_user']);
    const foreign = await ask('beta.test');
    expect([foreign.status, await errorCode(foreign)]).toEqual([421, 'wrong_recipient']);
  });

  it('verification key: answered for this DS, refused as wrong_recipient for another (forwarding check)', async () => {
    const ok = await post('/verification_key', encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test' }));
    expect(await body(ok, verificationKeyResponse)).toEqual({ protocol_version: 1, domain: 'ds.alpha.test', signature_scheme: 'ed25519', verification_key: alpha.verificationKey });
    const forwarded = await post('/verification_key', encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.gamma.test' }));
    expect([forwarded.status, await errorCode(forwarded)]).toEqual([421, 'wrong_recipient']);
  });

  it('over the network: GET /verification_key with a body through https.request, real TLS', async () => {
    const network = createNetwork({ seed: 3 });
    await network.addHost({ names: [alpha.domain, alpha.dsDomain], start: () => alpha.fetch });
    const request = encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test' });
    const answer = await network.drive(network.run('ds.beta.test', () => nodeRequest('https://ds.alpha.test/verification_key', { method: 'GET', headers: octets(request) }, request)));
    expect(answer.status).toBe(200);
    expect(network.traceJson({ decodeBodies: true })[0]).toMatchObject({ request_decoded: { struct: 'VerificationKeyRequest' }, response_decoded: { struct: 'VerificationKeyResponse', value: { domain: 'ds.alpha.test' } } });
    expect(await network.discoverDsDomain('alpha.test', 'beta.test')).toBe('ds.alpha.test');
    await network.dispose();
  });
});

describe('reference provider: msw overrides (adversarial personas)', () => {
  it('use() overrides an endpoint, falls through when the resolver returns nothing, and resetHandlers() restores it', async () => {
    const { http, HttpResponse } = await import('msw');
    const persona = await createProvider({ domain: 'evil.test', dsDomain: 'ds.evil.test' });
    const bytes = encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.evil.test' });
    const request = () => persona.fetch(new Request('https://ds.evil.test/verification_key', { method: 'POST', body: bytes, headers: octets(bytes) }));
    expect((await request()).status).toBe(200);
    persona.use(http.post('https://ds.evil.test/verification_key', () => new HttpResponse(new Uint8Array([0xff]), { status: 200, headers: { 'content-type': 'application/octet-stream' } })));
    expect(new Uint8Array(await (await request()).arrayBuffer())).toEqual(new Uint8Array([0xff]));
    persona.use(http.post('https://ds.evil.test/verification_key', () => undefined));
    expect(new Uint8Array(await (await request()).arrayBuffer())).toEqual(new Uint8Array([0xff]));
    persona.resetHandlers();
    expect((await request()).status).toBe(200);
  });
});
