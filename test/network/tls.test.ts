import { afterEach, describe, expect, it } from 'vitest';
import { VARIANT_ERRORS } from '../helpers/certificate-variants.js';
import { createNetwork, type Network } from '../../harness/network/index.js';
import { echoHost, fetchFailureCode, nodeRequest } from '../helpers/network.js';

const open: Network[] = [];
function network(transport: 'tls' | 'sockets' = 'tls'): Network {
  const created = createNetwork({ seed: 5, transport });
  open.push(created);
  return created;
}
afterEach(async () => {
  for (const n of open.splice(0)) await n.dispose();
});

describe.each(['tls', 'sockets'] as const)('%s mode: certificates are really verified', (mode) => {
  it.each(VARIANT_ERRORS)('a host with the %s certificate fails with %s, for fetch and https.request', async (variant, code) => {
    const net = network(mode);
    await net.addHost({ ...echoHost(['bad.test']), certificate: variant });
    expect(await fetchFailureCode(net, 'https://bad.test/')).toBe(code);
    await expect(net.drive(net.run('x', () => nodeRequest('https://bad.test/')))).rejects.toMatchObject({ code });
    expect(net.trace.at(-1)?.error).toBe(code);
  });

  it('a host limited to TLS 1.2 is refused (the transport draft requires TLS 1.3 or higher)', async () => {
    const net = network(mode);
    await net.addHost({ ...echoHost(['old.test']), tlsMaxVersion: 'TLSv1.2' });
    expect(await fetchFailureCode(net, 'https://old.test/')).toMatch(/^(ERR_SSL_|EPROTO)/);
  });

  it('a valid host is reached over TLS 1.3 with the certificate of its name', async () => {
    const net = network(mode);
    await net.addHost(echoHost(['alpha.test', 'ds.alpha.test']));
    expect((await net.fetch('https://ds.alpha.test/')).status).toBe(200);
    expect(net.trace[0]?.tls).toEqual({ protocol: 'TLSv1.3', certificateSubject: 'alpha.test' });
  });
});

describe('tls mode connections', () => {
  it('are kept alive per source and host, and resume their TLS session after a reconnect', async () => {
    const net = network();
    const seen: boolean[] = [];
    await net.addHost({
      names: ['alpha.test'],
      start: () => async (_request, info) => {
        seen.push(info.tls?.sessionReused ?? false);
        return new Response('ok');
      },
    });
    for (let i = 0; i < 3; i++) await net.fetch('https://alpha.test/');
    expect(net.pki.issued).toBe(1);
    // A restart drops the connections; the next handshake resumes the cached session.
    net.restart('alpha.test');
    await net.fetch('https://alpha.test/');
    expect(seen).toHaveLength(4);
    expect(seen[3]).toBe(true);
    // A resumed session shows no certificate, yet authenticates the same server (RFC 8446 §2.2): the trace names the
    // subject its full handshake showed, so that whether a connection resumed (real-time ticket arrival) leaves no mark.
    expect(net.trace.map((entry) => entry.tls?.certificateSubject)).toEqual(['alpha.test', 'alpha.test', 'alpha.test', 'alpha.test']);
  });

  it('checks certificate validity on the virtual clock as well', async () => {
    const net = network();
    await net.addHost(echoHost(['alpha.test']));
    expect((await net.fetch('https://alpha.test/')).status).toBe(200);
    await net.advance(400 * 24 * 3600 * 1000);
    net.restart('alpha.test');
    expect(await fetchFailureCode(net, 'https://alpha.test/')).toBe('CERT_HAS_EXPIRED');
  });
});
