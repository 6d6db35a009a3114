import { duplexPair } from 'node:stream';
import { connect, TLSSocket } from 'node:tls';
import { X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { VARIANT_ERRORS } from '../helpers/certificate-variants.js';
import { createHarnessPki, createKeyPool, type ServerCredentials } from '../../harness/pki/index.js';

const now = new Date();
const pki = createHarnessPki({ now: () => now });
const names = ['alpha.test', 'ds.alpha.test'];

/** A real TLS handshake over an in-memory duplex pair; resolves with the client's error code or 'ok'. */
function handshake(credentials: ServerCredentials, servername: string, options: { ca?: string } = {}): Promise<string> {
  const [clientSide, serverSide] = duplexPair();
  const server = new TLSSocket(serverSide, {
    isServer: true,
    key: credentials.keyPem,
    cert: credentials.certPem,
    minVersion: 'TLSv1.2',
    maxVersion: 'TLSv1.3',
  });
  server.on('error', () => undefined);
  return new Promise((resolve) => {
    const client = connect({ socket: clientSide, servername, ca: options.ca ?? pki.caPem, minVersion: 'TLSv1.3' });
    client.once('secureConnect', () => {
      resolve(client.getProtocol() === 'TLSv1.3' ? 'ok' : `protocol ${client.getProtocol() ?? '?'}`);
      client.destroy();
      server.destroy();
    });
    client.once('error', (error: NodeJS.ErrnoException) => {
      resolve(error.code ?? error.message);
      server.destroy();
    });
  });
}

describe('harness PKI', () => {
  it('issues a certificate for the provider and DS domains that a TLS 1.3 client accepts for both', async () => {
    const credentials = pki.credentials(names);
    const x509 = new X509Certificate(credentials.certPem);
    expect(x509.subjectAltName).toBe('DNS:alpha.test, DNS:ds.alpha.test');
    expect(x509.verify(new X509Certificate(pki.caPem).publicKey)).toBe(true);
    expect(await handshake(credentials, 'alpha.test')).toBe('ok');
    expect(await handshake(credentials, 'ds.alpha.test')).toBe('ok');
  });

  it('takes validity windows from the clock it is given', () => {
    const virtual = new Date('2030-06-01T00:00:00Z');
    const other = createHarnessPki({ now: () => virtual });
    const credentials = other.credentials(names);
    expect(credentials.notBefore.getTime()).toBeLessThan(virtual.getTime());
    expect(credentials.notAfter.getTime()).toBeGreaterThan(virtual.getTime());
    // A year past the virtual now (and valid on the real clock too, see below).
    expect(new X509Certificate(credentials.certPem).validTo).toBe('Jun  1 00:00:00 2031 GMT');
  });

  it.each(VARIANT_ERRORS)('the %s variant is refused by a real TLS client with %s', async (variant, code) => {
    expect(await handshake(pki.credentials(names, variant), 'alpha.test')).toBe(code);
  });

  it('a client that does not trust the harness CA refuses a valid harness certificate', async () => {
    const stranger = createHarnessPki({ now: () => now, name: 'another network CA' });
    expect(await handshake(pki.credentials(names), 'alpha.test', { ca: stranger.caPem })).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
  });

  it('issues lazily and caches per names and variant', () => {
    const lazy = createHarnessPki({ now: () => now });
    expect(lazy.issued).toBe(0);
    const first = lazy.credentials(['x.test']);
    expect(lazy.credentials(['x.test'])).toBe(first);
    expect(lazy.issued).toBe(1);
    expect(lazy.credentials(['x.test'], 'expired')).not.toBe(first);
  });

  it('issues a thousand provider certificates from the key pool in seconds', () => {
    const many = createHarnessPki({ now: () => now, keys: createKeyPool() });
    const serials = new Set<string>();
    for (let i = 0; i < 1000; i++) serials.add(new X509Certificate(many.credentials([`p${i}.test`, `ds.p${i}.test`]).certPem).serialNumber);
    expect(serials.size).toBe(1000);
  });
});

describe('key pool', () => {
  it('never gives a server the key of a CA, however many servers there are', () => {
    const pool = createKeyPool();
    const reserved = new Set([pool.reserved(0).privateKeyPem, pool.reserved(1).privateKeyPem]);
    for (let i = 0; i < 100; i++) expect(reserved.has(pool.key(i).privateKeyPem)).toBe(false);
  });

  it('places validity windows on both the virtual and the real clock', async () => {
    const past = createHarnessPki({ now: () => new Date('2023-01-01T00:00:00Z') });
    const credentials = past.credentials(names);
    expect(credentials.notBefore.getTime()).toBeLessThan(Date.parse('2023-01-01T00:00:00Z'));
    expect(credentials.notAfter.getTime()).toBeGreaterThan(Date.now());
    const [clientEnd, serverEnd] = duplexPair();
    const server = new TLSSocket(serverEnd, { isServer: true, key: credentials.keyPem, cert: credentials.certPem });
    server.on('error', () => undefined);
    const result = await new Promise<string>((resolve) => {
      const client = connect({ socket: clientEnd, servername: 'alpha.test', ca: past.caPem, minVersion: 'TLSv1.3' });
      client.once('secureConnect', () => { resolve('ok'); client.destroy(); server.destroy(); });
      client.once('error', (error: NodeJS.ErrnoException) => { resolve(error.code ?? 'error'); server.destroy(); });
    });
    expect(result).toBe('ok');
  });
});
