import { describe, expect, it } from 'vitest';
import { createNetwork } from '../../harness/network/index.js';

const turns = async (n: number) => {
  for (let i = 0; i < n; i++) await new Promise((resolve) => setImmediate(resolve));
};

describe('busy accounting: virtual time never moves under real work', () => {
  it('a handler’s own request sleeping on latency is released once, so another handler’s work still holds time', async () => {
    const network = createNetwork({ seed: 2, transport: 'direct' });
    try {
      await network.addHost({ names: ['slow.test'], start: () => async () => new Response('slow') });
      await network.addHost({ names: ['caller.test'], start: () => async () => new Response(await (await fetch('https://slow.test/')).text()) });
      await network.addHost({ names: ['worker.test'], start: () => async () => {
        await turns(60); // real async work, far more turns than drive waits before it moves time
        return new Response('worked');
      } });
      network.setLinkFaults('caller.test', 'slow.test', { latency: { minMs: 500, maxMs: 500 } });
      const both = Promise.all([
        network.run('a', () => fetch('https://caller.test/')).then((r) => r.text()),
        network.run('b', () => fetch('https://worker.test/')).then((r) => r.text()),
      ]);
      expect(await network.drive(both)).toEqual(['slow', 'worked']);
      const worker = network.trace.find((e) => e.destination === 'worker.test');
      // With the release counted twice, time jumped to 500 ms while worker.test was still working.
      expect(worker?.end).toBe(0);
    } finally {
      await network.dispose();
    }
  });

  it.each(['direct', 'tls', 'sockets'] as const)('a handler whose exchange ended early (a timeout) still holds time while it works (%s)', async (transport) => {
    const network = createNetwork({ seed: 3, transport, requestTimeoutMs: 100 });
    let finishedAt = -1;
    try {
      await network.addHost({ names: ['slow.test'], start: () => async () => new Response('slow') });
      await network.addHost({ names: ['late.test'], start: () => async () => {
        await (await fetch('https://slow.test/')).text(); // answered after the caller has given up
        await turns(60);
        finishedAt = network.clock.elapsed();
        return new Response('too late');
      } });
      await network.addHost({ names: ['far.test'], start: () => async () => new Response('far') });
      network.setLinkFaults('late.test', 'slow.test', { latency: { minMs: 500, maxMs: 500 } });
      network.setLinkFaults('b', 'far.test', { latency: { minMs: 1000, maxMs: 1000 } });
      const both = Promise.all([
        network.run('a', () => fetch('https://late.test/')).then(() => 'answered', () => 'timed out'),
        network.run('b', () => fetch('https://far.test/')).then((r) => r.text()),
      ]);
      expect(await network.drive(both)).toEqual(['timed out', 'far']);
      // Before busy tokens, the handler's work after its exchange timed out let time jump to the 1000 ms timer.
      expect(finishedAt).toBe(500);
    } finally {
      await network.dispose();
    }
  });

  it('a handler waiting on two requests at once is released once, so a callee’s work still holds time', async () => {
    const network = createNetwork({ seed: 4, transport: 'direct' });
    let nearDoneAt = -1;
    try {
      await network.addHost({ names: ['near.test'], start: () => async () => {
        await turns(60);
        nearDoneAt = network.clock.elapsed();
        return new Response('near');
      } });
      await network.addHost({ names: ['far.test'], start: () => async () => new Response('far') });
      await network.addHost({ names: ['fan.test'], start: () => async () => {
        const answers = await Promise.all([fetch('https://near.test/'), fetch('https://far.test/')]);
        return new Response((await Promise.all(answers.map((a) => a.text()))).join(','));
      } });
      network.setLinkFaults('fan.test', 'near.test', { latency: { minMs: 100, maxMs: 100 } });
      network.setLinkFaults('fan.test', 'far.test', { latency: { minMs: 1000, maxMs: 1000 } });
      expect(await (await network.fetch('https://fan.test/')).text()).toBe('near,far');
      // Counting the two waits twice let time jump to the far timer while near.test was still working.
      expect(nearDoneAt).toBe(100);
    } finally {
      await network.dispose();
    }
  });

  it('a silent host does not hold time for good once its exchange has timed out', async () => {
    const network = createNetwork({ seed: 5, transport: 'direct', requestTimeoutMs: 100 });
    try {
      await network.addHost({ names: ['silent.test'], start: () => () => new Promise<Response>(() => undefined) });
      await expect(network.fetch('https://silent.test/')).rejects.toThrow();
      // Work that waits on neither an exchange nor a timer is reported, not driven forever.
      await expect(network.drive(new Promise(() => undefined))).rejects.toThrow(/neither an exchange nor a virtual timer/);
    } finally {
      await network.dispose();
    }
  });

  it.each(['direct', 'tls', 'sockets'] as const)('handlers never see the exchange id the network passes along (%s)', async (transport) => {
    const network = createNetwork({ seed: 7, transport });
    try {
      await network.addHost({ names: ['echo.test'], start: () => async (request) => new Response(JSON.stringify([...request.headers.keys()])) });
      const names = JSON.parse(await (await network.fetch('https://echo.test/', { method: 'POST', body: 'x' })).text()) as string[];
      expect(names.filter((n) => n.startsWith('x-mimi-harness'))).toEqual([]);
      expect(names).toContain('content-length');
    } finally {
      await network.dispose();
    }
  });
});
