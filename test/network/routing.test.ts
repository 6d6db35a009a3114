import dns from 'node:dns';
import https from 'node:https';
import { afterEach, describe, expect, it } from 'vitest';
import { createNetwork, type Network } from '../../harness/network/index.js';
import { echoHost, fetchFailureCode, nodeRequest } from '../helpers/network.js';

const open: Network[] = [];
function network(transport: 'tls' | 'direct' | 'sockets' = 'tls', seed = 1): Network {
  const created = createNetwork({ seed, transport });
  open.push(created);
  return created;
}
afterEach(async () => {
  for (const n of open.splice(0)) await n.dispose();
});

describe('routing by host', () => {
  it('fails an unknown host at once, like a DNS failure, for fetch and https.request', async () => {
    const net = network();
    await net.addHost(echoHost(['alpha.test']));
    expect(await fetchFailureCode(net, 'https://nowhere.test/')).toBe('ENOTFOUND');
    await expect(net.drive(net.run('x', () => nodeRequest('https://nowhere.test/')))).rejects.toMatchObject({ code: 'ENOTFOUND', hostname: 'nowhere.test' });
    expect(net.trace.map((e) => e.error)).toEqual(['ENOTFOUND', 'ENOTFOUND']);
  });

  it('refuses plain http and other ports on a harness host (MIMI is HTTPS on 443)', async () => {
    const net = network();
    await net.addHost(echoHost(['alpha.test']));
    expect(await fetchFailureCode(net, 'http://alpha.test/')).toBe('ECONNREFUSED');
    expect(await fetchFailureCode(net, 'https://alpha.test:8443/')).toBe('ECONNREFUSED');
  });

  it.each(['tls', 'direct', 'sockets'] as const)('%s: sets Host and Content-Length as a real client does and drops hop-by-hop headers', async (mode) => {
    const net = network(mode);
    await net.addHost(echoHost(['alpha.test']));
    const response = await net.fetch('https://alpha.test/x', { method: 'POST', body: new Uint8Array(7), headers: { 'keep-alive': 'timeout=5', 'proxy-connection': 'x' } });
    expect(response.headers.get('x-host-seen')).toBe('alpha.test');
    expect(response.headers.get('x-length-seen')).toBe('7');
    expect(response.headers.get('x-hop-by-hop-seen')).toBe('');
  });

  it('gives each source its own virtual address, hosts from 198.18/16 and clients from 198.19/16', async () => {
    const net = network();
    const alpha = await net.addHost(echoHost(['alpha.test']));
    const beta = await net.addHost(echoHost(['beta.test']));
    expect(alpha.address).toBe('198.18.0.1');
    expect(beta.address).toBe('198.18.0.2');
    expect(await (await net.fetch('https://alpha.test/', undefined, 'beta.test')).text()).toBe('GET / 0 from beta.test 198.18.0.2');
    expect(await (await net.fetch('https://alpha.test/', undefined, 'client-1')).text()).toBe('GET / 0 from client-1 198.19.0.1');
  });

  it('attributes requests a handler makes to that host', async () => {
    const net = network();
    await net.addHost(echoHost(['beta.test']));
    await net.addHost({ names: ['alpha.test'], start: () => async () => fetch('https://beta.test/relay') });
    expect(await (await net.fetch('https://alpha.test/')).text()).toBe('GET /relay 0 from alpha.test 198.18.0.2');
  });

  it('keeps two networks in one process apart', async () => {
    const a = network('tls', 1);
    const b = network('tls', 2);
    await a.addHost(echoHost(['only-a.test']));
    await b.addHost(echoHost(['only-b.test']));
    expect(await (await a.fetch('https://only-a.test/')).text()).toMatch(/^GET \//);
    expect(await fetchFailureCode(a, 'https://only-b.test/')).toBe('ENOTFOUND');
    expect(await fetchFailureCode(b, 'https://only-a.test/')).toBe('ENOTFOUND');
    // Outside any network's context, with two networks active, a request is refused rather than guessed.
    await expect(fetch('https://only-a.test/')).rejects.toThrow(/fetch failed/);
  });

  it('carries hundreds of concurrent requests', async () => {
    const net = network();
    const counter = { count: 0 };
    await net.addHost(echoHost(['alpha.test', 'ds.alpha.test'], counter));
    const responses = await net.drive(Promise.all(Array.from({ length: 300 }, (_, i) => net.run(`client-${i % 7}`, () => fetch(`https://ds.alpha.test/n/${i}`, { method: 'POST', body: new Uint8Array(i % 50) })))));
    const texts = await Promise.all(responses.map((r) => r.text()));
    expect(texts.every((text, i) => text.startsWith(`POST /n/${i} ${i % 50} from client-${i % 7}`))).toBe(true);
    expect(counter.count).toBe(300);
    expect(net.trace).toHaveLength(300);
  });
});

describe('scale', () => {
  it('starts a thousand providers in tls mode at once (certificates are issued on first contact)', async () => {
    const net = network('tls');
    for (let i = 0; i < 1000; i++) await net.addHost(echoHost([`p${i}.test`, `ds.p${i}.test`]));
    expect(net.pki.issued).toBe(0);
    for (const i of [0, 499, 999]) expect((await net.fetch(`https://ds.p${i}.test/`, undefined, `p${(i + 1) % 1000}.test`)).status).toBe(200);
    expect(net.pki.issued).toBe(3);
  });
});

describe('dispose', () => {
  it('restores every global it patched', async () => {
    const before = { fetch: globalThis.fetch, request: https.request, get: https.get, lookup: dns.lookup };
    const net = createNetwork({ seed: 1 });
    expect(globalThis.fetch).not.toBe(before.fetch);
    expect(https.request).not.toBe(before.request);
    expect(dns.lookup).not.toBe(before.lookup);
    await net.addHost(echoHost(['alpha.test']));
    await net.fetch('https://alpha.test/');
    await net.dispose();
    expect(globalThis.fetch).toBe(before.fetch);
    expect(https.request).toBe(before.request);
    expect(https.get).toBe(before.get);
    expect(dns.lookup).toBe(before.lookup);
  });

  it('patches ESM named bindings too (syncBuiltinESMExports)', async () => {
    const net = network();
    await net.addHost(echoHost(['alpha.test']));
    const { request } = await import('node:https');
    const text = await net.drive(
      net.run('esm', () =>
        new Promise<string>((resolve, reject) => {
          request('https://alpha.test/esm', (res) => {
            let body = '';
            res.on('data', (c: Buffer) => (body += c.toString()));
            res.on('end', () => { resolve(body); });
          }).on('error', reject).end();
        }),
      ),
    );
    expect(text).toMatch(/^GET \/esm 0 from esm/);
  });
});
