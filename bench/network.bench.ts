import https from 'node:https';
import { afterAll, bench, describe } from 'vitest';
import { createNetwork, type Network } from '../harness/network/index.js';
import { recordMeta } from './meta.js';

// Issue 13 §2 "Transport": one 512-byte POST answered with 64 bytes, as a ratio to calling the
// handler directly. The report divides each median by the direct call's, all from the same run.
// eslint-disable-next-line @typescript-eslint/no-unused-vars -- a Fetch handler's signature; the answer does not read the request
const answer = async (_request?: Request) => new Response(new Uint8Array(64));
/** Answers with `Connection: close`, so that every request needs a new TLS connection. */
const closing = async () => new Response(new Uint8Array(64), { headers: { connection: 'close' } });
const networks: Network[] = [];
async function networkWith(transport: 'tls' | 'direct' | 'sockets', handler = answer): Promise<Network> {
  const network = createNetwork({ seed: 1, transport });
  await network.addHost({ names: ['alpha.test'], start: () => handler });
  networks.push(network);
  return network;
}
// One network per mode; only one is active per request, through run().
const tls = await networkWith('tls');
const direct = await networkWith('direct');
const sockets = await networkWith('sockets');
const reconnecting = await networkWith('tls', closing);
afterAll(async () => {
  const resumed = reconnecting.traceJson().filter((entry) => JSON.stringify(entry.tls).includes('"certificate_subject":""')).length;
  recordMeta('transport.resumed', { resumed, requests: reconnecting.traceJson().length });
  for (const network of networks) await network.dispose();
});

const body = new Uint8Array(512);
const url = 'https://alpha.test/group_operation';
const post = (network: Network, source = 'bench') => async () => {
  const response = await network.run(source, () => fetch(url, { method: 'POST', body }));
  await response.arrayBuffer();
};

/** node:https, intercepted like fetch: the harness sees the same request. */
const nodeHttps = (network: Network) => () =>
  network.run(
    'bench',
    () =>
      new Promise<void>((resolve, reject) => {
        const req = https.request(url, { method: 'POST' }, (res) => {
          res.on('data', () => undefined);
          res.on('end', resolve);
          res.on('error', reject);
        });
        req.on('error', reject);
        req.end(body);
      }),
  );

describe('transport: one POST, as a ratio to the handler called directly', () => {
  bench('handler called directly', async () => {
    // What a host's handler gets: a Request built from the bytes; the answer read back.
    const response = await answer(new Request(url, { method: 'POST', body }));
    await response.arrayBuffer();
  });
  bench('intercepted fetch, direct mode', post(direct));
  bench('tls mode (in-memory TLS 1.3), keep-alive', post(tls));
  bench('node:https in tls mode, keep-alive', nodeHttps(tls));
  bench('sockets mode (loopback TLS 1.3), keep-alive', post(sockets));
  let n = 0;
  bench('tls mode, fresh full handshake (new source each time)', async () => {
    n += 1;
    await post(tls, `fresh-${n}`)();
  });
  bench('tls mode, new connection each time, session resumed when a ticket is held', post(reconnecting));
});
