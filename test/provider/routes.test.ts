import { beforeAll, describe, expect, it } from 'vitest';
import { decode } from '../../harness/codec/index.js';
import { DS_DOMAIN_PATH, dsResponse, ENDPOINTS, type Endpoint } from '../../harness/messages/index.js';
import { createProvider, type Provider } from '../../harness/provider/index.js';
import { ROUTES } from '../../harness/provider/router.js';

/**
 * The reference provider's router against the ENDPOINTS table (transport
 * draft "REST Endpoints"; profile §10): every listed path answers its
 * methods, refuses the others with 405 and Allow, and nothing else is routed.
 */

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'PATCH', 'OPTIONS'] as const;

/**
 * The methods a path accepts: the draft's, plus POST on the three GETs with
 * a body (profile §10 "Servers SHOULD also accept POST"), plus HEAD beside a
 * GET without a body (RFC 9110 §9.3.2: HEAD is GET without content).
 */
function accepted(endpoint: Endpoint): string[] {
  if (endpoint.method === 'POST') return ['POST'];
  return endpoint.request === null ? ['GET', 'HEAD'] : ['GET', 'POST'];
}

let provider: Provider;
beforeAll(async () => {
  provider = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test', rateLimits: {} });
});

const hostOf = (endpoint: Endpoint): string => (endpoint.path === DS_DOMAIN_PATH ? provider.domain : provider.dsDomain);
const otherHost = (endpoint: Endpoint): string => (endpoint.path === DS_DOMAIN_PATH ? provider.dsDomain : provider.domain);

async function ask(method: string, host: string, path: string): Promise<{ status: number; allow: string | null; code: string | undefined }> {
  const response = await provider.fetch(new Request(`https://${host}${path}`, { method }));
  const bytes = new Uint8Array(await response.arrayBuffer());
  let code: string | undefined;
  if (response.status !== 200 && bytes.length > 0) {
    const body = decode(dsResponse, bytes).response_body;
    code = body.response_type === 'error' ? body.error.code : undefined;
  }
  return { status: response.status, allow: response.headers.get('allow'), code };
}

describe('the router serves exactly the ENDPOINTS table', () => {
  for (const endpoint of ENDPOINTS) {
    it(`${endpoint.path}: ${accepted(endpoint).join(', ')} reach the endpoint, other methods get 405 with Allow, the other host 404`, async () => {
      const allowed = accepted(endpoint);
      for (const method of METHODS) {
        const answer = await ask(method, hostOf(endpoint), endpoint.path);
        if (allowed.includes(method)) {
          expect([404, 405], `${method} ${endpoint.path} answered ${answer.status} ${answer.code ?? ''}`).not.toContain(answer.status);
        } else {
          expect([answer.status, answer.code], `${method} ${endpoint.path}`).toEqual([405, 'method_not_allowed']);
          expect(answer.allow?.split(',').map((m) => m.trim()).sort(), `Allow of ${endpoint.path}`).toEqual([...allowed].sort());
        }
      }
      const elsewhere = await ask(endpoint.method, otherHost(endpoint), endpoint.path);
      expect([elsewhere.status, elsewhere.code], `${endpoint.path} on ${otherHost(endpoint)}`).toEqual([404, 'not_found']);
    });
  }

  it('routes nothing but these paths: near misses are 404 not_found', async () => {
    const nearMisses = ENDPOINTS.flatMap((e) => [`${e.path}/`, e.path.toUpperCase(), `${e.path}x`, `/v1${e.path}`, e.path.slice(0, -1)]);
    for (const path of [...nearMisses, '/', '/.well-known/mimi', '/ds-domain']) {
      for (const host of [provider.domain, provider.dsDomain]) {
        const answer = await ask('POST', host, path);
        expect([answer.status, answer.code], `POST ${host}${path}`).toEqual([404, 'not_found']);
      }
    }
  });

  it('the router’s ROUTES list exactly the paths, methods and error carriers of ENDPOINTS', () => {
    const byPath = (a: { path: string }, b: { path: string }) => a.path.localeCompare(b.path);
    const routed = ROUTES.map((r) => ({ path: r.path, methods: [...r.methods].sort(), carrier: r.carrier })).sort(byPath);
    const table = ENDPOINTS.map((e) => ({ path: e.path, methods: accepted(e).sort(), carrier: e.errorResponse })).sort(byPath);
    expect(routed).toEqual(table);
  });
});
