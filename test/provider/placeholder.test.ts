import { describe, expect, it } from 'vitest';
import { decode } from '../../harness/codec/index.js';
import { dsDomainResponse, dsResponse, ENDPOINTS, registryEntry } from '../../harness/messages/index.js';
import { placeholderProvider } from '../../harness/provider/index.js';

const provider = placeholderProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test' });

describe('placeholder provider', () => {
  it('serves discovery on the provider domain', async () => {
    const response = await provider(new Request('https://alpha.test/.well-known/mimi/ds-domain'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/octet-stream');
    expect(response.headers.get('cache-control')).toBe('max-age=3600');
    expect(decode(dsDomainResponse, new Uint8Array(await response.arrayBuffer()))).toEqual({ ds_domain: 'ds.alpha.test' });
  });

  it('refuses other methods on discovery with 405 and Allow', async () => {
    const response = await provider(new Request('https://alpha.test/.well-known/mimi/ds-domain', { method: 'POST', body: 'x' }));
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it.each(ENDPOINTS.filter((e) => e.request !== null).map((e) => [e.path, e.errorResponse] as const))('answers %s with a decodable unavailable error (%s)', async (path, carrier) => {
    const response = await provider(new Request(`https://ds.alpha.test${path}`, { method: 'POST', body: new Uint8Array(1) }));
    expect(response.status).toBe(503);
    const codec = registryEntry(carrier)?.codec;
    if (codec === undefined) throw new Error(carrier);
    const body = decode(codec, new Uint8Array(await response.arrayBuffer())) as { response_body: unknown };
    expect(body.response_body).toMatchObject({ response_type: 'error', error: { code: 'unavailable' } });
  });

  it('answers an unknown path with not_found', async () => {
    const response = await provider(new Request('https://ds.alpha.test/nope'));
    expect(response.status).toBe(404);
    expect(decode(dsResponse, new Uint8Array(await response.arrayBuffer())).response_body).toMatchObject({ error: { code: 'not_found' } });
  });
});
