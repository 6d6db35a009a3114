import net from 'node:net';
import tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostEntry } from '../../harness/network/host.js';
import { createSocketsTransport } from '../../harness/network/sockets-transport.js';
import { createHarnessPki } from '../../harness/pki/index.js';

// Small real-time limits, so that each case ends within a fraction of a second (the defaults are seconds).
const LIMITS = { handshakeTimeoutMs: 300, headersTimeoutMs: 300, requestTimeoutMs: 600, idleTimeoutMs: 300, maxConnectionsPerSource: 3 };
/** Every close must come well before this; it bounds each wait instead of a test timeout. */
const BOUND_MS = 1500;

const pki = createHarnessPki({ now: () => new Date() });
const transport = createSocketsTransport({ pki, serve: () => Promise.resolve(new Response('ok')), lookup: () => undefined, refuses: () => false, limits: LIMITS });
const handler = () => Promise.resolve(new Response('ok'));
const entry: HostEntry = { spec: { names: ['alpha.test'], start: () => handler }, primary: 'alpha.test', address: '10.0.0.1', durable: new Map(), handler, crashed: false, generation: 0 };
let port = 0;

beforeAll(async () => {
  port = await transport.listen(entry);
});
afterAll(async () => {
  await transport.close();
});

/** A TLS connection from `localAddress` (any 127/8 address reaches the listener on Linux), once handshaken. */
function connectTls(localAddress: string): Promise<tls.TLSSocket> {
  return new Promise((resolve, reject) => {
    // tls.connect passes localAddress on to net.connect; its option type leaves it out.
    const options: tls.ConnectionOptions & { localAddress: string } = { host: '127.0.0.1', port, localAddress, servername: 'alpha.test', ca: pki.caPem, minVersion: 'TLSv1.3' };
    const socket = tls.connect(options);
    socket.once('secureConnect', () => { resolve(socket); });
    socket.once('error', reject);
  });
}

/** Resolves with what the server wrote and how long the connection stayed open; rejects past the bound. */
function closed(socket: net.Socket, started = Date.now()): Promise<{ received: string; ms: number }> {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
  socket.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    const bound = setTimeout(() => { reject(new Error(`still open after ${BOUND_MS} ms`)); }, BOUND_MS);
    socket.once('close', () => {
      clearTimeout(bound);
      resolve({ received, ms: Date.now() - started });
    });
  });
}

/** One complete keep-alive GET on a fresh connection; resolves with the status line. */
async function get(localAddress: string): Promise<string> {
  const socket = await connectTls(localAddress);
  const answer = new Promise<string>((resolve) => socket.once('data', (chunk: Buffer) => { resolve(chunk.toString('latin1').split('\r\n')[0] ?? ''); }));
  socket.write('GET / HTTP/1.1\r\nHost: alpha.test\r\n\r\n');
  const status = await answer;
  socket.destroy();
  return status;
}

describe('sockets listener limits (real time, small values)', () => {
  it('a silent TLS connection, a silent TCP connection, a slowloris head and an idle keep-alive connection are closed; others are served meanwhile', async () => {
    const silentTls = closed(await connectTls('127.0.0.2'));
    const silentTcp = closed(net.connect({ host: '127.0.0.1', port, localAddress: '127.0.0.3' }));
    const slow = await connectTls('127.0.0.4');
    const slowClosed = closed(slow);
    slow.write('GET / HTTP/1.1\r\nHost: alpha.test\r\nX-Slow: ');
    const drip = setInterval(() => slow.writable && slow.write('a'), 40);
    const idle = await connectTls('127.0.0.5');
    const idleClosed = closed(idle);
    idle.write('GET / HTTP/1.1\r\nHost: alpha.test\r\n\r\n');
    // Meanwhile a normal client from yet another address gets its answers.
    const served: string[] = [];
    for (let i = 0; i < 5; i++) served.push(await get('127.0.0.6'));
    const [tlsResult, tcpResult, slowResult, idleResult] = await Promise.all([silentTls, silentTcp, slowClosed, idleClosed]);
    clearInterval(drip);
    expect(served).toEqual(Array(5).fill('HTTP/1.1 200 OK'));
    // Head timeout: answered 408 and closed, the slowloris despite a byte every 40 ms.
    expect(tlsResult.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(slowResult.received).toMatch(/^HTTP\/1\.1 408 Request Timeout\r\n/);
    expect(slowResult.ms).toBeGreaterThanOrEqual(LIMITS.headersTimeoutMs - 50);
    // Handshake timeout: closed without a word.
    expect(tcpResult.received).toBe('');
    expect(tcpResult.ms).toBeGreaterThanOrEqual(LIMITS.handshakeTimeoutMs - 50);
    // Idle timeout after a served request.
    expect(idleResult.ms).toBeGreaterThanOrEqual(LIMITS.idleTimeoutMs);
    expect(idleResult.received).toMatch(/^HTTP\/1\.1 200 OK\r\n[^]*Keep-Alive: timeout=0/);
  });

  it('the connection over the per-source cap is closed before its handshake; other sources are served, and a freed slot is taken again', async () => {
    const held = await Promise.all([1, 2, 3].map(() => connectTls('127.0.0.7')));
    await expect(connectTls('127.0.0.7')).rejects.toMatchObject({ code: expect.stringMatching(/^(ECONNRESET|EPIPE)$/) as unknown });
    expect(await get('127.0.0.8')).toBe('HTTP/1.1 200 OK');
    held[0]?.destroy();
    // The listener learns of the close a moment after the client: retry within the bound.
    const until = Date.now() + BOUND_MS;
    let again: tls.TLSSocket | undefined;
    while (again === undefined && Date.now() < until) again = await connectTls('127.0.0.7').catch(() => undefined);
    expect(again).toBeDefined();
    for (const socket of [again, ...held]) socket?.destroy();
  });

  it("the harness's own connections are not counted against the cap", async () => {
    const exchange = (i: number) => ({ source: 'beta.test', sourceAddress: '10.0.0.2', entry, host: 'alpha.test', method: 'POST', path: `/${i}`, headers: new Headers(), body: new Uint8Array(1), exchangeId: `x:${i}` });
    // 12 at once open up to 12 agent connections from 127.0.0.1, four times the cap.
    const results = await Promise.all(Array.from({ length: 12 }, (_, i) => transport.send(exchange(i))));
    expect(results.map((result) => result.status)).toEqual(Array(12).fill(200));
  });
});
