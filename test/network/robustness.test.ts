import dns from 'node:dns';
import http from 'node:http';
import net from 'node:net';
import tls from 'node:tls';
import { afterEach, describe, expect, it } from 'vitest';
import { createNetwork, NetworkLeakError, type Network, type TransportMode } from '../../harness/network/index.js';
import { createProvider } from '../../harness/provider/index.js';
import { echoHost, fetchFailureCode } from '../helpers/network.js';

const open: Network[] = [];
function network(transport: TransportMode = 'tls', seed = 21): Network {
  const created = createNetwork({ seed, transport, requestTimeoutMs: 2_000 });
  open.push(created);
  return created;
}
afterEach(async () => {
  for (const n of open.splice(0)) await n.dispose().catch(() => undefined);
});

describe.each(['tls', 'direct', 'sockets'] as const)('%s mode: handlers and time', (mode) => {
  it('a handler may sleep on the virtual clock', async () => {
    const net = network(mode);
    await net.addHost({ names: ['slow.test'], start: () => async () => { await net.clock.sleep(500); return new Response(`slept until ${net.clock.elapsed()}`); } });
    expect(await (await net.fetch('https://slow.test/')).text()).toBe('slept until 500');
  });

  it('a handler may call another host over a slow link (fan-out pattern)', async () => {
    const net = network(mode);
    await net.addHost(echoHost(['guest.test']));
    await net.addHost({ names: ['owner.test'], start: () => async () => fetch('https://guest.test/deliver_message', { method: 'POST', body: 'x' }) });
    net.setLinkFaults('owner.test', 'guest.test', { latency: { minMs: 10, maxMs: 10 } });
    expect(await (await net.fetch('https://owner.test/')).text()).toMatch(/^POST \/deliver_message 1 from owner\.test/);
    expect(net.trace.map((e) => [e.source, e.destination, e.end - e.at])).toEqual([
      ['outside', 'owner.test', 10],
      ['owner.test', 'guest.test', 10],
    ]);
  });

  it('a host that never answers times out on the virtual clock', async () => {
    const net = network(mode);
    await net.addHost({ names: ['silent.test'], start: () => () => new Promise<Response>(() => undefined) });
    expect(await fetchFailureCode(net, 'https://silent.test/')).toBe('ETIMEDOUT');
    expect(net.trace[0]?.end).toBe(2_000);
  });

  it('a crash while a request is on its way refuses it', async () => {
    const net = network(mode);
    const counter = { count: 0 };
    await net.addHost(echoHost(['alpha.test'], counter));
    net.setLinkFaults('*', 'alpha.test', { latency: { minMs: 100, maxMs: 100 } });
    net.clock.setTimer(50, () => {
      net.crash('alpha.test');
    });
    expect(await fetchFailureCode(net, 'https://alpha.test/')).toBe('ECONNREFUSED');
    expect(counter.count).toBe(0);
  });

  it('faults can be set through any of a host\'s names, and unknown hosts are refused', async () => {
    const net = network(mode);
    const counter = { count: 0 };
    await net.addHost(echoHost(['alpha.test', 'ds.alpha.test'], counter));
    net.setLinkFaults('*', 'ds.alpha.test', { dropRequest: 1 });
    expect(await fetchFailureCode(net, 'https://alpha.test/')).toBe('ETIMEDOUT');
    expect(() => { net.setLinkFaults('*', 'nowhere.test', { dropRequest: 1 }); }).toThrow(/not a host/);
    expect(counter.count).toBe(0);
  });

  it('dispose ends exchanges that are still waiting', async () => {
    const net = network(mode);
    await net.addHost(echoHost(['alpha.test']));
    net.setLinkFaults('*', 'alpha.test', { dropRequest: 1 });
    const waiting = net.run('x', () => fetch('https://alpha.test/'));
    await new Promise((resolve) => setImmediate(resolve));
    await net.dispose();
    await expect(waiting).rejects.toThrow(/fetch failed/);
  });
});

describe('tls mode: broken connections', () => {
  it('a response that breaks while being written reaches the caller as an error, not a hang', async () => {
    const net = network('tls');
    await net.addHost({ names: ['broken.test'], start: () => async () => new Response(new ReadableStream({ start(controller) { controller.error(new Error('disk on fire')); } })) });
    expect(await fetchFailureCode(net, 'https://broken.test/')).toMatch(/^(ECONNRESET|UND_ERR_SOCKET|ERR_STREAM_PREMATURE_CLOSE)$|socket hang up/);
  });
});

describe('sockets mode', () => {
  it('a crashed host hangs up on outside clients too, and a failing handshake is a failure', async () => {
    const net = network('sockets');
    const handle = await net.addHost(echoHost(['alpha.test']));
    net.crash('alpha.test');
    const refused = await new Promise<string>((resolve) => {
      const socket = tls.connect({ host: '127.0.0.1', port: handle.port ?? 0, servername: 'alpha.test', ca: net.caPem });
      socket.on('secureConnect', () => { resolve('connected'); socket.destroy(); });
      socket.on('error', (error: NodeJS.ErrnoException) => { resolve(error.code ?? 'error'); });
    });
    expect(refused).toMatch(/^(ECONNRESET|EPIPE)$/);
    net.restart('alpha.test');
    expect((await net.fetch('https://alpha.test/')).status).toBe(200);
    net.setHandshakeFailure('alpha.test', true);
    expect(await fetchFailureCode(net, 'https://alpha.test/')).toMatch(/^(ECONNRESET|EPIPE)$/);
  });

  it('dispose does not wait for a half-open connection', async () => {
    const sockets = createNetwork({ seed: 1, transport: 'sockets' });
    const handle = await sockets.addHost(echoHost(['alpha.test']));
    const socket = new RawTcp(handle.port ?? 0);
    await new Promise((resolve) => setImmediate(resolve));
    const started = Date.now();
    await sockets.dispose();
    socket.destroy();
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

/** A raw TCP connection that never starts TLS. */
class RawTcp {
  private readonly socket: net.Socket;
  constructor(port: number) {
    this.socket = net.connect({ host: '127.0.0.1', port });
    this.socket.on('error', () => undefined);
  }
  destroy(): void {
    this.socket.destroy();
  }
}

describe('isolation and findings', () => {
  it('a request made in the context of a disposed network is refused, not routed to another', async () => {
    const first = createNetwork({ seed: 1 });
    await first.addHost(echoHost(['alpha.test']));
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    // The continuation keeps the first network's async context, as a leftover timer or callback would.
    const later = first.run('leftover', () => gate.then(() => fetch('https://alpha.test/')));
    await first.dispose();
    const second = network('tls', 2);
    const counter = { count: 0 };
    await second.addHost(echoHost(['alpha.test'], counter));
    open();
    await expect(later).rejects.toThrow(/fetch failed/);
    expect(counter.count).toBe(0);
  });

  it('host names must be lower-case FQDNs', async () => {
    const net = network('tls');
    await expect(net.addHost(echoHost(['Alpha.test']))).rejects.toThrow(/lower-case FQDN/);
  });

  it('discoverDsDomain discovers through the network and caches', async () => {
    const net = network('tls');
    const alpha = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test', clock: net.clock });
    await net.addHost({ names: ['alpha.test', 'ds.alpha.test'], start: () => alpha.fetch });
    expect(await net.discoverDsDomain('alpha.test', 'beta.test')).toBe('ds.alpha.test');
    expect(await net.discoverDsDomain('alpha.test', 'beta.test')).toBe('ds.alpha.test');
    expect(net.trace).toHaveLength(1);
  });
});

describe('guard holes', () => {
  it('checks the address a caller\'s own lookup returns', async () => {
    const net = createNetwork({ seed: 1, transport: 'sockets' });
    const handle = await net.addHost(echoHost(['alpha.test']));
    const code = await new Promise<string | undefined>((resolve) => {
      const socket = net_connect_with_lookup(handle.port ?? 0);
      socket.on('error', (error: NodeJS.ErrnoException) => { resolve(error.code); });
      socket.on('connect', () => { resolve('connected'); socket.destroy(); });
    });
    expect(code).toBe('EMIMIGUARD');
    await expect(net.dispose()).rejects.toBeInstanceOf(NetworkLeakError);
  });

  it('refuses names that only look like loopback, empty paths, c-ares resolvers and tls.connect', async () => {
    const net = createNetwork({ seed: 1 });
    await expect(dns.promises.lookup('127.0.0.1.example.com')).rejects.toMatchObject({ code: 'EMIMIGUARD' });
    const viaEmptyPath = await new Promise<string | undefined>((resolve) => {
      net_connect_empty_path().on('error', (error: NodeJS.ErrnoException) => { resolve(error.code); });
    });
    expect(viaEmptyPath).toBe('EMIMIGUARD');
    await expect(dns.promises.resolve4('example.com')).rejects.toMatchObject({ code: 'EMIMIGUARD' });
    await expect(new dns.promises.Resolver().resolveTxt('example.com')).rejects.toMatchObject({ code: 'EMIMIGUARD' });
    const viaTls = await new Promise<string | undefined>((resolve) => {
      tls.connect({ host: '192.0.2.7', port: 443 }).on('error', (error: NodeJS.ErrnoException) => { resolve(error.code); });
    });
    expect(viaTls).toBe('EMIMIGUARD');
    expect(net.violations.length).toBe(5);
    await expect(net.dispose()).rejects.toBeInstanceOf(NetworkLeakError);
  });

  /* eslint-disable @typescript-eslint/unbound-method -- only the functions' identities are compared */
  it('dispose restores every patched function', async () => {
    const before = [http.request, net.Socket.prototype.connect, dns.promises.lookup, dns.resolve4, dns.promises.resolve4, dns.Resolver.prototype.resolveTxt];
    const created = createNetwork({ seed: 1 });
    expect(net.Socket.prototype.connect).not.toBe(before[1]);
    await created.dispose();
    expect([http.request, net.Socket.prototype.connect, dns.promises.lookup, dns.resolve4, dns.promises.resolve4, dns.Resolver.prototype.resolveTxt]).toEqual(before);
  });
  /* eslint-enable @typescript-eslint/unbound-method */
});

function net_connect_with_lookup(port: number): net.Socket {
  return net.connect({ host: 'localhost', port, lookup: (_host, _options, callback) => { (callback as (e: null, a: string, f: number) => void)(null, '192.0.2.1', 4); } });
}

function net_connect_empty_path(): net.Socket {
  return net.connect({ path: '', host: '192.0.2.1', port: 443 } as unknown as net.NetConnectOpts);
}
