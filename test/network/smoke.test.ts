import https from 'node:https';
import { describe, expect, it } from 'vitest';
import { createNetwork, incomingBody, type ConnectionInfo } from '../../harness/network/index.js';

describe('network smoke', () => {
  it.each(['tls', 'direct', 'sockets'] as const)('%s: fetch and https.request reach a host', async (transport) => {
    const network = createNetwork({ seed: 1, transport });
    const seen: ConnectionInfo[] = [];
    await network.addHost({
      names: ['alpha.test', 'ds.alpha.test'],
      start: () => async (request, info) => {
        seen.push(info);
        return new Response(`${request.method} ${new URL(request.url).pathname} ${(await incomingBody(request, info)).length}`, { status: 200 });
      },
    });
    const response = await network.fetch('https://ds.alpha.test/group_operation', { method: 'POST', body: new Uint8Array(5) });
    expect(await response.text()).toBe('POST /group_operation 5');
    const viaNode = await network.drive(
      network.run('beta.test', () =>
        new Promise<string>((resolve, reject) => {
          const req = https.request('https://alpha.test/verification_key', { method: 'GET', headers: { 'content-length': '3' } }, (res) => {
            let text = '';
            res.on('data', (chunk: Buffer) => (text += chunk.toString()));
            res.on('end', () => { resolve(text); });
          });
          req.on('error', reject);
          req.end(Buffer.from([1, 2, 3]));
        }),
      ),
    );
    expect(viaNode).toBe('GET /verification_key 3');
    expect(seen[0]?.transport).toBe(transport);
    if (transport !== 'direct') expect(seen[0]?.tls?.protocol).toBe('TLSv1.3');
    expect(network.trace.map((e) => [e.via, e.method, e.path, e.status])).toEqual([
      ['fetch', 'POST', '/group_operation', 200],
      ['node', 'GET', '/verification_key', 200],
    ]);
    await network.dispose();
  });
});
