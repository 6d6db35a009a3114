import { afterAll, bench, describe } from 'vitest';
import { createNetwork, type Network } from '../harness/network/index.js';

const handler = () => async () => new Response(new Uint8Array(64));
const networks: Network[] = [];
async function networkWith(transport: 'tls' | 'direct' | 'sockets'): Promise<Network> {
  const network = createNetwork({ seed: 1, transport });
  await network.addHost({ names: ['alpha.test'], start: handler });
  networks.push(network);
  return network;
}
// One network per mode; only one is active per request, through run().
const tls = await networkWith('tls');
const direct = await networkWith('direct');
const sockets = await networkWith('sockets');
afterAll(async () => {
  for (const network of networks) await network.dispose();
});

const body = new Uint8Array(512);
const post = (network: Network) => async () => {
  const response = await network.run('bench', () => fetch('https://alpha.test/group_operation', { method: 'POST', body }));
  await response.arrayBuffer();
};

describe('one POST through fetch, per transport (keep-alive)', () => {
  bench('direct', post(direct));
  bench('tls (in-memory TLS 1.3)', post(tls));
  bench('sockets (loopback TLS 1.3)', post(sockets));
});

describe('a new connection each time (full or resumed handshake)', () => {
  let n = 0;
  bench('tls, new source per request', async () => {
    n += 1;
    const response = await tls.run(`fresh-${n}`, () => fetch('https://alpha.test/', { method: 'POST', body }));
    await response.arrayBuffer();
  });
});
