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

  it('a handler whose exchange ended early (a timeout) still holds time while it works', async () => {
    const network = createNetwork({ seed: 3, transport: 'direct', requestTimeoutMs: 100 });
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
});
