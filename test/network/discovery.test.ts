import { afterEach, describe, expect, it } from 'vitest';
import { encode } from '../../harness/codec/index.js';
import { dsDomainResponse } from '../../harness/messages/index.js';
import { createDiscovery, createNetwork, DiscoveryError, type Network } from '../../harness/network/index.js';
import { createProvider } from '../../harness/provider/index.js';

const open: Network[] = [];
afterEach(async () => {
  for (const n of open.splice(0)) await n.dispose();
});

async function setup(answer?: (request: Request) => Response) {
  const network = createNetwork({ seed: 4 });
  open.push(network);
  let requests = 0;
  const provider = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test', clock: network.clock });
  const honest = (request: Request) => provider.fetch(request);
  await network.addHost({
    names: ['alpha.test', 'ds.alpha.test'],
    start: () => async (request) => {
      requests += 1;
      return answer ? answer(request) : honest(request);
    },
  });
  const discovery = createDiscovery({ clock: network.clock });
  const discover = (domain = 'alpha.test') => network.drive(network.run('beta.test', () => discovery.discover(domain)));
  return { network, discover, requests: () => requests };
}

async function failure(promise: Promise<unknown>): Promise<DiscoveryError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DiscoveryError) return error;
    throw error;
  }
  throw new Error('discovery succeeded');
}

const octets = { 'content-type': 'application/octet-stream' };

describe('DS discovery (profile §11)', () => {
  it('finds the DS domain and caches it for max-age on the virtual clock', async () => {
    const { network, discover, requests } = await setup();
    expect(await discover()).toBe('ds.alpha.test');
    expect(await discover()).toBe('ds.alpha.test');
    expect(requests()).toBe(1);
    await network.advance(3600 * 1000 + 1);
    expect(await discover()).toBe('ds.alpha.test');
    expect(requests()).toBe(2);
  });

  it.each<[string, (r: Request) => Response, string, RegExp]>([
    ['a redirect elsewhere', () => new Response(null, { status: 302, headers: { location: 'https://evil.test/' } }), 'redirect', /evil\.test/],
    ['an error status', () => new Response('no', { status: 404 }), 'bad-status', /404/],
    ['the wrong content type', () => new Response(encode(dsDomainResponse, { ds_domain: 'ds.alpha.test' }), { headers: { 'content-type': 'text/plain' } }), 'bad-content-type', /text\/plain/],
    ['an undecodable body', () => new Response(new Uint8Array([0x05, 0x61]), { headers: octets }), 'undecodable', /length-exceeds-input/],
    ['an invalid FQDN', () => new Response(new Uint8Array([0x03, 0x41, 0x2e, 0x42]), { headers: octets }), 'undecodable', /invalid FQDN/],
  ])('refuses %s and does not cache it', async (_name, answer, code, detail) => {
    const { discover, requests } = await setup(answer);
    const error = await failure(discover());
    expect(error.code).toBe(code);
    expect(error.domain).toBe('alpha.test');
    expect(error.message).toMatch(detail);
    await failure(discover());
    expect(requests()).toBe(2);
  });

  it('times out on the virtual clock', async () => {
    const { network, discover } = await setup();
    network.setLinkFaults('*', 'alpha.test', { latency: { minMs: 6_000, maxMs: 6_000 } });
    const error = await failure(discover());
    expect(error.code).toBe('timeout');
  });

  it('reports an unknown provider as unreachable', async () => {
    const { discover } = await setup();
    const error = await failure(discover('nowhere.test'));
    expect(error.code).toBe('unreachable');
    expect(error.message).toMatch(/ENOTFOUND/);
  });
});
