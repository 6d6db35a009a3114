import { afterEach, describe, expect, it } from 'vitest';
import { createNetwork, type HostSpec, type Network } from '../../harness/network/index.js';
import { echoHost, fetchFailureCode, nodeRequest } from '../helpers/network.js';

const open: Network[] = [];
function network(seed = 11): Network {
  const created = createNetwork({ seed, requestTimeoutMs: 5_000 });
  open.push(created);
  return created;
}
afterEach(async () => {
  for (const n of open.splice(0)) await n.dispose();
});

function recordingHost(name: string, arrivals: string[]): HostSpec {
  return { names: [name], start: () => async (request) => { arrivals.push(new URL(request.url).pathname); return new Response('ok'); } };
}

describe('faults', () => {
  it('latency: the exchange takes the drawn virtual time, and no real time', async () => {
    const net = network();
    await net.addHost(echoHost(['alpha.test']));
    net.setLinkFaults('*', 'alpha.test', { latency: { minMs: 120, maxMs: 120 } });
    const started = Date.now();
    await net.fetch('https://alpha.test/');
    const [entry] = net.trace;
    expect(entry?.end).toBe(120);
    expect(entry?.faults).toEqual(['latency 120ms']);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('drop request: the server never sees it, the caller times out on the virtual clock', async () => {
    const net = network();
    const counter = { count: 0 };
    await net.addHost(echoHost(['alpha.test'], counter));
    net.setLinkFaults('*', 'alpha.test', { dropRequest: 1 });
    expect(await fetchFailureCode(net, 'https://alpha.test/')).toBe('ETIMEDOUT');
    expect(counter.count).toBe(0);
    expect(net.trace[0]).toMatchObject({ error: 'ETIMEDOUT', end: 5_000, faults: ['drop request'] });
  });

  it('drop response: the server processed the request, the caller times out', async () => {
    const net = network();
    const counter = { count: 0 };
    await net.addHost(echoHost(['alpha.test'], counter));
    net.setLinkFaults('*', 'alpha.test', { dropResponse: 1 });
    expect(await fetchFailureCode(net, 'https://alpha.test/', { method: 'POST', body: 'x' })).toBe('ETIMEDOUT');
    expect(counter.count).toBe(1);
  });

  it('duplicate: the server sees the request twice, the caller one answer', async () => {
    const net = network();
    const counter = { count: 0 };
    await net.addHost(echoHost(['alpha.test'], counter));
    net.setLinkFaults('outside', 'alpha.test', { duplicate: 1 });
    expect((await net.fetch('https://alpha.test/')).status).toBe(200);
    expect(counter.count).toBe(2);
    expect(net.trace).toHaveLength(1);
  });

  it('reorder: held-back requests are overtaken by later ones, the same way for the same seed', async () => {
    const arrivalsFor = async (seed: number) => {
      const net = network(seed);
      const arrivals: string[] = [];
      await net.addHost(recordingHost('alpha.test', arrivals));
      net.setLinkFaults('outside', 'alpha.test', { reorder: 0.5, reorderDelayMs: 30 });
      await net.drive(Promise.all(Array.from({ length: 12 }, (_, i) => net.run('outside', () => fetch(`https://alpha.test/${i}`)))));
      return arrivals;
    };
    const first = await arrivalsFor(3);
    expect(first).not.toEqual(Array.from({ length: 12 }, (_, i) => `/${i}`));
    expect([...first].sort()).toEqual(Array.from({ length: 12 }, (_, i) => `/${i}`).sort());
    expect(await arrivalsFor(3)).toEqual(first);
  });

  it('partition and heal', async () => {
    const net = network();
    await net.addHost(echoHost(['alpha.test']));
    await net.addHost(echoHost(['beta.test']));
    await net.addHost(echoHost(['gamma.test']));
    net.partition(['alpha.test'], ['beta.test']);
    expect(await fetchFailureCode(net, 'https://beta.test/', undefined, 'alpha.test')).toBe('ETIMEDOUT');
    await expect(net.fetch('https://alpha.test/', undefined, 'beta.test')).rejects.toThrow(/fetch failed/);
    expect((await net.fetch('https://gamma.test/', undefined, 'alpha.test')).status).toBe(200);
    expect(net.trace.filter((e) => e.faults.includes('partition')).map((e) => [e.source, e.destination, e.error])).toEqual([
      ['alpha.test', 'beta.test', 'ETIMEDOUT'],
      ['beta.test', 'alpha.test', 'ETIMEDOUT'],
    ]);
    net.heal();
    expect((await net.fetch('https://beta.test/', undefined, 'alpha.test')).status).toBe(200);
  });

  it('crash refuses connections; restart keeps durable state and loses volatile state', async () => {
    const net = network();
    await net.addHost({
      names: ['alpha.test'],
      start: (durable) => {
        let volatile = 0;
        return async () => {
          volatile += 1;
          durable.set('count', ((durable.get('count') as number | undefined) ?? 0) + 1);
          return new Response(`${String(durable.get('count'))}/${volatile}`);
        };
      },
    });
    expect(await (await net.fetch('https://alpha.test/')).text()).toBe('1/1');
    expect(await (await net.fetch('https://alpha.test/')).text()).toBe('2/2');
    net.crash('alpha.test');
    expect(await fetchFailureCode(net, 'https://alpha.test/')).toBe('ECONNREFUSED');
    net.restart('alpha.test');
    expect(await (await net.fetch('https://alpha.test/')).text()).toBe('3/1');
  });

  it('TLS handshake failure, and recovery', async () => {
    const net = network();
    await net.addHost(echoHost(['alpha.test']));
    net.setHandshakeFailure('alpha.test', true);
    expect(await fetchFailureCode(net, 'https://alpha.test/')).toMatch(/^(ECONNRESET|EPIPE)$/);
    net.setHandshakeFailure('alpha.test', false);
    expect((await net.fetch('https://alpha.test/')).status).toBe(200);
  });
});

describe('latency distributions', () => {
  it.each([
    ['exponential', { exponentialMeanMs: 40, maxMs: 400 }, 40],
    ['normal', { normalMeanMs: 100, stdDevMs: 10 }, 100],
  ] as const)('%s latency has about the configured mean', async (_name, latency, mean) => {
    const net = network();
    await net.addHost(echoHost(['alpha.test']));
    net.setLinkFaults('*', 'alpha.test', { latency });
    await net.drive(Promise.all(Array.from({ length: 200 }, () => net.run('c', () => fetch('https://alpha.test/')))));
    const delays = net.trace.map((e) => e.end - e.at);
    const average = delays.reduce((a, b) => a + b, 0) / delays.length;
    expect(average).toBeGreaterThan(mean * 0.7);
    expect(average).toBeLessThan(mean * 1.3);
    expect(Math.min(...delays)).toBeGreaterThanOrEqual(0);
  });
});

describe.each(['tls', 'direct', 'sockets'] as const)('%s mode: determinism', (transport) => {
  const run = async (seed: number) => {
    const net = createNetwork({ seed, transport, requestTimeoutMs: 1_000 });
    await net.addHost(echoHost(['alpha.test', 'ds.alpha.test']));
    await net.addHost(echoHost(['beta.test']));
    await net.addHost({ names: ['relay.test'], start: () => async () => fetch('https://beta.test/relayed', { method: 'POST', body: 'r' }) });
    net.setLinkFaults('*', 'alpha.test', { latency: { minMs: 1, maxMs: 80 }, dropRequest: 0.2, duplicate: 0.2, reorder: 0.3 });
    net.setLinkFaults('*', 'beta.test', { latency: { minMs: 5, maxMs: 25 }, dropResponse: 0.2 });
    await net.drive(
      Promise.allSettled(
        Array.from({ length: 40 }, (_, i) =>
          net.run(`client-${i % 3}`, () =>
            i % 5 === 0
              ? nodeRequest(`https://relay.test/n/${i}`, { method: 'GET' })
              : fetch(`https://${i % 2 ? 'ds.alpha.test' : 'beta.test'}/m/${i}`, { method: 'POST', body: new Uint8Array(i) }),
          ),
        ),
      ),
    );
    const hash = net.traceHash();
    const faults = net.trace.flatMap((e) => e.faults);
    await net.dispose();
    return { hash, faults };
  };

  it('the same seed gives a byte-identical trace, fetch and https.request and handler-to-handler calls mixed; another seed another one', async () => {
    const a = await run(99);
    const b = await run(99);
    expect(a.hash).toBe(b.hash);
    expect(a.faults.length).toBeGreaterThan(5);
    expect((await run(100)).hash).not.toBe(a.hash);
  });
});
