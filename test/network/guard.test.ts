import dns from 'node:dns';
import net from 'node:net';
import { describe, expect, it } from 'vitest';
import { createNetwork, NetworkLeakError } from '../../harness/network/index.js';

describe('the no-leak guard', () => {
  it('blocks a socket connect to an outside address and fails dispose()', async () => {
    const network = createNetwork({ seed: 1 });
    const error = await new Promise<NodeJS.ErrnoException>((resolve) => {
      // 192.0.2.1 is TEST-NET-1: nobody's host, and the guard must stop the attempt before it is made.
      const socket = net.connect({ host: '192.0.2.1', port: 443 });
      socket.on('error', resolve);
    });
    expect(error.code).toBe('EMIMIGUARD');
    expect(network.violations).toEqual(['connect to 192.0.2.1:443']);
    await expect(network.dispose()).rejects.toBeInstanceOf(NetworkLeakError);
  });

  it('blocks DNS lookups of outside names, callback and promise forms', async () => {
    const network = createNetwork({ seed: 1 });
    const callbackError = await new Promise<NodeJS.ErrnoException | null>((resolve) => {
      dns.lookup('example.com', (err) => {
        resolve(err);
      });
    });
    expect(callbackError?.code).toBe('EMIMIGUARD');
    await expect(dns.promises.lookup('example.org')).rejects.toMatchObject({ code: 'EMIMIGUARD' });
    expect(network.violations).toEqual(['DNS lookup of example.com', 'DNS lookup of example.org']);
    await expect(network.dispose()).rejects.toThrow(/example\.com/);
  });

  it('allows the loopback listeners the harness started, and nothing else on loopback', async () => {
    const network = createNetwork({ seed: 1, transport: 'sockets' });
    const handle = await network.addHost({ names: ['alpha.test'], start: () => async () => new Response('ok') });
    const port = handle.port ?? 0;
    await new Promise<void>((resolve, reject) => {
      const socket = net.connect({ host: '127.0.0.1', port }, () => {
        socket.destroy();
        resolve();
      });
      socket.on('error', reject);
    });
    const refused = await new Promise<string | undefined>((resolve) => {
      net.connect({ host: '127.0.0.1', port: port === 1 ? 2 : 1 }).on('error', (err: NodeJS.ErrnoException) => {
        resolve(err.code);
      });
    });
    expect(refused).toBe('EMIMIGUARD');
    await expect(network.dispose()).rejects.toBeInstanceOf(NetworkLeakError);
  });

  it('a clean run disposes without complaint', async () => {
    const network = createNetwork({ seed: 1 });
    await network.addHost({ names: ['alpha.test'], start: () => async () => new Response('ok') });
    await network.fetch('https://alpha.test/');
    await expect(network.dispose()).resolves.toBeUndefined();
  });
});
