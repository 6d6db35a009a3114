import { afterEach, describe, expect, it } from 'vitest';
import { createNetwork, type Network } from '../../harness/network/index.js';
import { echoHost, nodeRequest } from '../helpers/network.js';

/** The error undici itself gives, measured here without any interception. */
function realFetchError(): string {
  try {
    new Request('https://example.invalid/', { method: 'GET', body: 'x' });
  } catch (error) {
    return (error as Error).message;
  }
  return 'no error';
}

const open: Network[] = [];
afterEach(async () => {
  for (const n of open.splice(0)) await n.dispose();
});

describe.each(['tls', 'direct', 'sockets'] as const)('%s mode: GET with a body (three endpoints of the transport draft)', (transport) => {
  it('https.request with Content-Length delivers the body to the handler', async () => {
    const network = createNetwork({ seed: 1, transport });
    open.push(network);
    await network.addHost(echoHost(['ds.alpha.test']));
    for (const path of ['/welcome_information', '/external_commit_information', '/verification_key']) {
      const body = new Uint8Array([1, 2, 3, 4, 5, 6]);
      const response = await network.drive(network.run('beta.test', () => nodeRequest(`https://ds.alpha.test${path}`, { method: 'GET', headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) } }, body)));
      expect(response.body).toBe(`GET ${path} 6 from beta.test ${network.host('beta.test')?.address ?? '198.19.0.1'}`);
      expect(response.headers['x-length-seen']).toBe('6');
    }
    expect(network.trace.map((e) => e.request.length)).toEqual([6, 6, 6]);
  });

  it('fetch refuses it with the same TypeError as undici, sends nothing, and records a finding', async () => {
    const network = createNetwork({ seed: 1, transport });
    open.push(network);
    const counter = { count: 0 };
    await network.addHost(echoHost(['ds.alpha.test'], counter));
    const expected = realFetchError();
    expect(expected).toBe('Request with GET/HEAD method cannot have body.');
    await expect(network.fetch('https://ds.alpha.test/welcome_information', { method: 'GET', body: new Uint8Array(3) })).rejects.toThrow(new TypeError(expected));
    await expect(network.fetch('https://ds.alpha.test/verification_key', { method: 'HEAD', body: 'x' })).rejects.toThrow(TypeError);
    expect(counter.count).toBe(0);
    expect(network.trace).toHaveLength(0);
    expect(network.findings.filter((f) => f.kind === 'fetch-get-with-body').map((f) => f.detail)).toEqual([
      'outside: fetch refuses GET https://ds.alpha.test/welcome_information with a body (the transport draft\'s GET endpoints carry one)',
      'outside: fetch refuses HEAD https://ds.alpha.test/verification_key with a body (the transport draft\'s GET endpoints carry one)',
    ]);
  });

  it('a GET without a body still works through fetch', async () => {
    const network = createNetwork({ seed: 1, transport });
    open.push(network);
    await network.addHost(echoHost(['alpha.test']));
    expect(await (await network.fetch('https://alpha.test/.well-known/mimi/ds-domain')).text()).toMatch(/^GET \/.well-known\/mimi\/ds-domain 0 /);
  });
});
