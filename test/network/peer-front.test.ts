import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNetwork, startPeerFronts, type Network, type PeerFronts } from '../../harness/network/index.js';
import { clientHelloServerName } from '../../harness/network/client-hello.js';
import { allowLoopbackPort } from '../../harness/network/guard.js';

/** One TLS 1.3 handshake from "the target" to the front as `servername`: the protocol it got, or the client's error code. */
function handshake(port: number, servername: string, caPem: string, options: { readonly minVersion?: tls.SecureVersion } = {}): Promise<{ ok: true; protocol: string | null } | { ok: false; code: string }> {
  return new Promise((resolve) => {
    const socket = tls.connect({ host: '127.0.0.1', port, servername, ca: caPem, minVersion: options.minVersion ?? 'TLSv1.3' }, () => {
      const protocol = socket.getProtocol();
      // A graceful close, after the server has had our Finished: a reset right away would be a refused handshake to it.
      socket.once('close', () => { resolve({ ok: true, protocol }); });
      socket.end();
    });
    socket.once('error', (error: Error & { code?: string }) => { resolve({ ok: false, code: error.code ?? error.message }); });
  });
}

const portOf = (fronts: PeerFronts): number => Number((Object.values(fronts.hosts)[0]?.address ?? ':0').split(':')[1]);

/** Lets the front's server side see the client's alert (real time; the network's trace is written from there). */
const serverSideSettles = async (fronts: PeerFronts): Promise<void> => {
  await fronts.quiet({ quietMs: 50, maxMs: 1_000, fromNow: true });
};

describe('clientHelloServerName (RFC 8446 §4.1.2, RFC 6066 §3)', () => {
  it('reads the SNI of a real ClientHello, says incomplete for a prefix, and none for other bytes', async () => {
    const { createServer } = await import('node:net');
    const first = await new Promise<Buffer>((resolve) => {
      const server = createServer((socket) => {
        socket.once('data', (chunk: Buffer) => { resolve(chunk); socket.destroy(); server.close(); });
      });
      server.listen(0, '127.0.0.1', () => {
        const address = server.address();
        const port = typeof address === 'object' && address !== null ? address.port : 0;
        tls.connect({ host: '127.0.0.1', port, servername: 'Peer-A-0123abcd.test' }).once('error', () => undefined);
      });
    });
    expect(clientHelloServerName(first)).toEqual({ complete: true, serverName: 'peer-a-0123abcd.test' });
    expect(clientHelloServerName(first.subarray(0, 20))).toEqual({ complete: false });
    expect(clientHelloServerName(new TextEncoder().encode('GET / HTTP/1.1\r\n\r\n'))).toEqual({ complete: true, serverName: undefined });
    // A record that claims to be whole but is cut inside the ClientHello: no name, never a throw.
    const cut = Buffer.from(first.subarray(0, 60));
    cut.writeUInt16BE(55, 3);
    expect(clientHelloServerName(cut)).toEqual({ complete: true, serverName: undefined });
  });
});

describe('peer fronts present what the check\'s peer presents (issue 11 §1, transport.tls.bad-peer against an external target)', () => {
  let fronts: PeerFronts;
  let network: Network;
  beforeAll(async () => {
    fronts = await startPeerFronts([{ domain: 'peer-x.test', dsDomain: 'ds.peer-x.test' }, { domain: 'peer-y.test', dsDomain: 'ds.peer-y.test' }]);
    network = createNetwork({ seed: 3, transport: 'tls' });
    await network.addHost({ names: ['peer-x.test', 'ds.peer-x.test'], start: () => () => Promise.resolve(new Response('hi')) });
    fronts.attach(network, 'target.test');
    // "The target" is this test's own TLS client: the guard admits the front's port (the harness started it).
    allowLoopbackPort(portOf(fronts));
  });
  afterAll(async () => {
    await fronts.close();
    await network.dispose();
  });

  it('one address for every name; a valid peer handshakes TLS 1.3 with the run CA', async () => {
    expect(new Set(Object.values(fronts.hosts).map((h) => h.address)).size).toBe(1);
    expect(Object.keys(fronts.hosts).sort()).toEqual(['ds.peer-x.test', 'ds.peer-y.test', 'peer-x.test', 'peer-y.test']);
    expect(await handshake(portOf(fronts), 'ds.peer-x.test', fronts.caPem)).toEqual({ ok: true, protocol: 'TLSv1.3' });
  });

  it('each negative variant is presented, and the refused handshake is in the check\'s trace', async () => {
    const cases = [
      { tls: { tlsMaxVersion: 'TLSv1.2' as const }, code: 'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION' },
      { tls: { certificate: 'expired' as const }, code: 'CERT_HAS_EXPIRED' },
      { tls: { certificate: 'untrusted-ca' as const }, code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' },
      { tls: { certificate: 'wrong-host' as const }, code: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    ];
    for (const bad of cases) {
      const mark = network.trace.length;
      network.setHostTls('peer-x.test', bad.tls);
      const result = await handshake(portOf(fronts), 'peer-x.test', fronts.caPem);
      expect(result).toEqual({ ok: false, code: bad.code });
      await serverSideSettles(fronts);
      const seen = network.trace.slice(mark).filter((e) => e.destination === 'peer-x.test');
      expect(seen.length).toBeGreaterThan(0);
      expect(seen.every((e) => e.status === null && e.error !== null && e.source === 'target.test')).toBe(true);
    }
    network.setHostTls('peer-x.test', undefined);
    expect(await handshake(portOf(fronts), 'peer-x.test', fronts.caPem)).toEqual({ ok: true, protocol: 'TLSv1.3' });
  });

  it('a name that is not a host of the attached check is answered 503 outside its trace', async () => {
    await serverSideSettles(fronts);
    const mark = network.trace.length;
    const answer = await new Promise<number>((resolve, reject) => {
      const socket = tls.connect({ host: '127.0.0.1', port: portOf(fronts), servername: 'peer-y.test', ca: fronts.caPem, minVersion: 'TLSv1.3' }, () => {
        socket.write('GET /.well-known/mimi/ds-domain HTTP/1.1\r\nhost: peer-y.test\r\nconnection: close\r\n\r\n');
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => { text += chunk.toString('latin1'); });
      socket.once('end', () => { resolve(Number(text.split(' ')[1])); });
      socket.once('error', reject);
    });
    expect(answer).toBe(503);
    expect(network.trace.slice(mark)).toEqual([]);
  });
});
