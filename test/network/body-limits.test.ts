import { afterEach, describe, expect, it } from 'vitest';
import { decode, encode } from '../../harness/codec/index.js';
import { dsRequest, dsResponse, verificationKeyRequest, verificationKeyResponse } from '../../harness/messages/index.js';
import { createNetwork, type Network, type TransportMode } from '../../harness/network/index.js';
import { createProvider, type RateLimits } from '../../harness/provider/index.js';
import { getWithBody } from '../helpers/network.js';
import { chunk, rawHttps, type RawAnswer } from './raw-https.js';

// Profile §10: the rate limit per source, Content-Length and size are checked before the body is read,
// and a chunked body is capped while it streams. The network must not buffer a body before the handler runs.

const MAX = 4096;
const groupIdRequest = encode(dsRequest, { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: { auth_type: 'anonymous' } });
let network: Network | undefined;
afterEach(async () => {
  await network?.dispose();
  network = undefined;
});

async function serving(transport: TransportMode, rateLimits: RateLimits = {}): Promise<{ network: Network; port: number }> {
  network = createNetwork({ seed: 3, transport });
  const provider = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test', clock: network.clock, maxBodyBytes: MAX, rateLimits, randomBytes: (n) => new Uint8Array(n).fill(7) });
  const handle = await network.addHost({ names: [provider.domain, provider.dsDomain], start: () => provider.fetch });
  return { network, port: handle.port ?? -1 };
}

function errorCodeOf(body: Uint8Array): string {
  const decoded = decode(dsResponse, body).response_body;
  return decoded.response_type === 'error' ? decoded.error.code : `not an error: ${decoded.response_type}`;
}

const post = (net: Network, body: Uint8Array) => net.fetch('https://ds.alpha.test/group_operation', { method: 'POST', body, headers: { 'content-type': 'application/octet-stream' } }, 'beta.test');
const head = (lines: string[]) => ['POST /group_operation HTTP/1.1', 'host: ds.alpha.test', 'content-type: application/octet-stream', ...lines, '', ''].join('\r\n');

describe.each(['tls', 'sockets', 'direct'] as const)('%s: request bodies and their limits (profile §10)', (transport) => {
  it('a body over the limit gets 413 with the typed error, and the next request on the network is served', async () => {
    const { network: net } = await serving(transport);
    // Just over the limit (the unread rest is drained, the connection kept) and far over it (the connection closed after the answer).
    for (const size of [MAX + 1, 1_000_000]) {
      const huge = await post(net, new Uint8Array(size));
      expect([huge.status, errorCodeOf(new Uint8Array(await huge.arrayBuffer()))]).toEqual([413, 'payload_too_large']);
      const fine = await post(net, groupIdRequest);
      expect(fine.status).toBe(200);
    }
  });

  it('a GET with a body reaches the provider beside the Request (rawBody); one over the limit gets 413', async () => {
    const { network: net } = await serving(transport);
    const get = (body: Uint8Array) =>
      net.drive(
        net.run('beta.test', () =>
          getWithBody('https://ds.alpha.test/verification_key', body),
        ),
      );
    const ok = await get(encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test' }));
    expect(ok.status).toBe(200);
    expect(decode(verificationKeyResponse, ok.bytes)).toMatchObject({ domain: 'ds.alpha.test' });
    const huge = await get(new Uint8Array(MAX + 1));
    expect([huge.status, errorCodeOf(huge.bytes)]).toEqual([413, 'payload_too_large']);
  });

  it('a source over its rate limit gets 429 with Retry-After', async () => {
    const { network: net } = await serving(transport, { '/group_operation': { source: { burst: 1, perSecond: 0.01 } } });
    expect((await post(net, groupIdRequest)).status).toBe(200);
    const limited = await post(net, new Uint8Array(MAX + 1));
    expect([limited.status, limited.headers.get('retry-after'), errorCodeOf(new Uint8Array(await limited.arrayBuffer()))]).toEqual([429, '100', 'rate_limited']);
  });
});

// A server that buffered the body first would wait for bytes that never come: the bound makes that a failure, not a hang.
describe('sockets: limits apply before and while the body arrives, seen from a raw client', { timeout: 5000 }, () => {
  const ask = async (request: string, parts: Uint8Array[] = [], rateLimits?: RateLimits): Promise<RawAnswer> => {
    const { network: net, port } = await serving('sockets', rateLimits);
    return rawHttps(port, 'ds.alpha.test', net.caPem, request, parts);
  };

  it('a Content-Length over the limit gets 413 at once, with only a few of the declared bytes sent', async () => {
    const answer = await ask(head(['content-length: 100000000']), [new Uint8Array(5)]);
    expect([answer.status, answer.headers.connection, errorCodeOf(answer.body)]).toEqual([413, 'close', 'payload_too_large']);
  });

  it('so does a GET whose body, beside the Request, declares more than the limit', async () => {
    const request = ['GET /verification_key HTTP/1.1', 'host: ds.alpha.test', 'content-type: application/octet-stream', 'content-length: 100000000', '', ''].join('\r\n');
    const answer = await ask(request, [new Uint8Array(5)]);
    expect([answer.status, errorCodeOf(answer.body)]).toEqual([413, 'payload_too_large']);
  });

  it('a chunked body is read until it passes the limit, then refused with 413 without waiting for its end', async () => {
    const answer = await ask(head(['transfer-encoding: chunked']), [chunk(new Uint8Array(3000)), chunk(new Uint8Array(3000))]);
    expect([answer.status, answer.headers.connection, errorCodeOf(answer.body)]).toEqual([413, 'close', 'payload_too_large']);
  });

  it('a chunked body within the limit is accepted', async () => {
    const answer = await ask(head(['transfer-encoding: chunked']), [chunk(groupIdRequest.subarray(0, 2)), chunk(groupIdRequest.subarray(2)), Buffer.from('0\r\n\r\n')]);
    expect(answer.status).toBe(200);
    expect(decode(dsResponse, answer.body).response_body.response_type).toBe('group_id');
  });

  it('a POST with neither Content-Length nor chunked gets 411', async () => {
    const answer = await ask(head([]));
    expect([answer.status, errorCodeOf(answer.body)]).toEqual([411, 'length_required']);
  });

  it('a rate-limited source gets 429 before its body is read', async () => {
    const limits: RateLimits = { '/group_operation': { source: { burst: 0, perSecond: 0.01 } } };
    const answer = await ask(head([`content-length: ${MAX}`]), [new Uint8Array(5)], limits);
    expect([answer.status, errorCodeOf(answer.body)]).toEqual([429, 'rate_limited']);
  });
});

describe('sockets: an answer that leaves a small body unread', () => {
  it('keeps the connection alive (the rest is read and dropped), so the next request reuses it', async () => {
    network = createNetwork({ seed: 4, transport: 'sockets' });
    const net = network;
    // Answers at once without touching the body, and says whether this connection's TLS session was resumed.
    await net.addHost({ names: ['alpha.test'], start: () => (_request, info) => Promise.resolve(new Response(String(info.tls?.sessionReused))) });
    const ask = async () => (await net.fetch('https://alpha.test/upload', { method: 'POST', body: new Uint8Array(60_000) }, 'beta.test')).text();
    // A new connection would resume the first one's session; the same connection still shows its full handshake.
    expect([await ask(), await ask(), await ask()]).toEqual(['false', 'false', 'false']);
  });
});


describe.each(['tls', 'sockets', 'direct'] as const)('%s: an answer made from the request body as it streams', (transport) => {
  it('echoes a 200 kB body whole', async () => {
    network = createNetwork({ seed: 5, transport });
    const net = network;
    await net.addHost({ names: ['alpha.test'], start: () => (request) => Promise.resolve(new Response(request.body)) });
    const sent = new Uint8Array(200_000).map((_, i) => i % 251);
    const response = await net.fetch('https://alpha.test/echo', { method: 'POST', body: sent }, 'beta.test');
    const received = Buffer.from(await response.arrayBuffer());
    // Compared as one Buffer: a deep equality over 200,000 elements would take half a second.
    expect([received.length, received.equals(sent)]).toEqual([sent.length, true]);
  });
});
