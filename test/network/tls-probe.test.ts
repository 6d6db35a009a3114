import { afterEach, describe, expect, it } from 'vitest';
import { createNetwork, type Network } from '../../harness/network/index.js';
import { echoHost, fetchFailureCode } from '../helpers/network.js';

// The network's small API for the transport checks: a TLS handshake probe (a client offering only some
// TLS versions), a host's TLS replaced at run time, and raw HTTP/1.1 bytes no HTTP client would send.
const open: Network[] = [];
function network(transport: 'tls' | 'sockets' | 'direct' = 'tls'): Network {
  const created = createNetwork({ seed: 11, transport });
  open.push(created);
  return created;
}
afterEach(async () => {
  for (const n of open.splice(0)) await n.dispose();
});

const PROTOCOL_ERROR = /^(ERR_SSL_|EPROTO)/;

describe.each(['tls', 'sockets'] as const)('%s mode', (mode) => {
  it('probeTls: TLS 1.3 is negotiated with the certificate of both names; a TLS-1.2-only client is refused', async () => {
    const net = network(mode);
    await net.addHost(echoHost(['alpha.test', 'ds.alpha.test']));
    const good = await net.probeTls('ds.alpha.test', { minVersion: 'TLSv1.3' });
    expect(good).toEqual({ ok: true, protocol: 'TLSv1.3', certificateSubject: 'alpha.test', altNames: ['alpha.test', 'ds.alpha.test'] });
    const old = await net.probeTls('alpha.test', { maxVersion: 'TLSv1.2' });
    expect(old.ok).toBe(false);
    expect(old.ok ? '' : old.code).toMatch(PROTOCOL_ERROR);
  });

  it('probeTls: a host with tlsMinVersion TLSv1.2 accepts a TLS-1.2-only client (the planted bug the check catches)', async () => {
    const net = network(mode);
    await net.addHost({ ...echoHost(['lax.test']), tlsMinVersion: 'TLSv1.2' });
    expect(await net.probeTls('lax.test', { maxVersion: 'TLSv1.2' })).toMatchObject({ ok: true, protocol: 'TLSv1.2' });
    expect(await net.probeTls('lax.test')).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
  });

  it('probeTls: a certificate lacking one of the names fails verification for that name only', async () => {
    const net = network(mode);
    await net.addHost({ ...echoHost(['beta.test', 'ds.beta.test']), certificateNames: ['ds.beta.test'] });
    expect(await net.probeTls('ds.beta.test')).toMatchObject({ ok: true });
    expect(await net.probeTls('beta.test')).toMatchObject({ ok: false, code: 'ERR_TLS_CERT_ALTNAME_INVALID' });
    // verify: false judges the TLS versions alone.
    expect(await net.probeTls('beta.test', { verify: false })).toMatchObject({ ok: true, protocol: 'TLSv1.3' });
  });

  it('setHostTls: a host turns bad for new connections and good again', async () => {
    const net = network(mode);
    await net.addHost(echoHost(['gamma.test']));
    expect((await net.fetch('https://gamma.test/')).status).toBe(200);
    net.setHostTls('gamma.test', { certificate: 'untrusted-ca' });
    expect(await fetchFailureCode(net, 'https://gamma.test/')).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    net.setHostTls('gamma.test', { tlsMaxVersion: 'TLSv1.2' });
    expect(await fetchFailureCode(net, 'https://gamma.test/')).toMatch(PROTOCOL_ERROR);
    net.setHostTls('gamma.test', undefined);
    expect((await net.fetch('https://gamma.test/')).status).toBe(200);
  });

  it('rawRequest: a POST with neither Content-Length nor chunked reaches the handler as such', async () => {
    const net = network(mode);
    await net.addHost({ names: ['raw.test'], start: () => async (request, info) => new Response(`length=${request.headers.get('content-length') ?? 'none'} chunked=${info.chunked}`) });
    const answer = await net.rawRequest('raw.test', { head: 'POST /x HTTP/1.1\r\nhost: raw.test\r\nconnection: close\r\n\r\n' });
    expect(answer.answered && answer.status).toBe(200);
    expect(answer.answered ? Buffer.from(answer.body).toString() : answer.detail).toBe('length=none chunked=false');
  });

  it('rawRequest: a server that waits for a body never sent times out on the virtual clock', async () => {
    const net = network(mode);
    await net.addHost({ names: ['slow.test'], start: () => async (request) => new Response(String((await request.arrayBuffer()).byteLength)) });
    const started = net.clock.now();
    const answer = await net.rawRequest('slow.test', { head: 'POST /x HTTP/1.1\r\nhost: slow.test\r\ncontent-length: 100000\r\n\r\n', parts: [new Uint8Array(10)], timeoutMs: 3_000 });
    expect(answer).toMatchObject({ answered: false, reason: 'timeout' });
    expect(net.clock.now() - started).toBe(3_000);
  });
});

describe('direct mode', () => {
  it('has no TLS to probe and no raw bytes to carry', async () => {
    const net = network('direct');
    await net.addHost(echoHost(['delta.test']));
    await expect(net.probeTls('delta.test')).rejects.toThrow(/no TLS/);
    await expect(net.rawRequest('delta.test', { head: 'GET / HTTP/1.1\r\n\r\n' })).rejects.toThrow(/raw bytes/);
  });
});
