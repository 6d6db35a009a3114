import { describe, expect, it } from 'vitest';
import { encode } from '../../harness/codec/index.js';
import { verificationKeyRequest } from '../../harness/messages/index.js';
import { createNetwork, traceHash, type TraceEntry } from '../../harness/network/index.js';
import { createProvider } from '../../harness/provider/index.js';
import { nodeRequest } from '../helpers/network.js';

describe('trace', () => {
  it('records every exchange and exports it as JSON with bodies decoded by endpoint', async () => {
    const network = createNetwork({ seed: 8 });
    const alpha = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test', clock: network.clock });
    await network.addHost({ names: ['alpha.test', 'ds.alpha.test'], start: () => alpha.fetch });
    await network.fetch('https://alpha.test/.well-known/mimi/ds-domain', undefined, 'beta.test');
    const body = encode(verificationKeyRequest, { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test' });
    await network.drive(network.run('beta.test', () => nodeRequest('https://ds.alpha.test/verification_key', { method: 'GET', headers: { 'content-type': 'application/octet-stream', 'content-length': String(body.length) } }, body)));
    const [discovery, key] = network.traceJson({ decodeBodies: true });
    expect(discovery).toMatchObject({
      id: 1,
      source: 'beta.test',
      source_address: '198.19.0.1',
      destination: 'alpha.test',
      method: 'GET',
      path: '/.well-known/mimi/ds-domain',
      status: 200,
      tls: { protocol: 'TLSv1.3', certificate_subject: 'alpha.test' },
      response_decoded: { struct: 'DSDomainResponse', value: { ds_domain: 'ds.alpha.test' } },
    });
    expect(key).toMatchObject({
      status: 200,
      request_decoded: { struct: 'VerificationKeyRequest', value: { protocol_version: 1, sender: 'ds.beta.test', recipient: 'ds.alpha.test' } },
      response_decoded: { struct: 'VerificationKeyResponse', value: { protocol_version: 1, domain: 'ds.alpha.test', signature_scheme: 'ed25519' } },
    });
    expect(JSON.parse(JSON.stringify(network.traceJson()))).toHaveLength(2);
    expect(network.traceHash()).toMatch(/^[0-9a-f]{64}$/);
    await network.dispose();
  });

  it('the schedule hash (bodies left out) ignores the bytes and nothing else', async () => {
    const network = createNetwork({ seed: 8, transport: 'direct' });
    await network.addHost({ names: ['alpha.test'], start: () => async (request) => new Response(await request.arrayBuffer()) });
    await network.fetch('https://alpha.test/x', { method: 'POST', body: 'one', headers: { 'content-type': 'application/octet-stream' } }, 'beta.test');
    const [entry] = network.trace;
    await network.dispose();
    if (entry === undefined) throw new Error('no exchange traced');
    const otherBytes: TraceEntry = { ...entry, request: new Uint8Array([9]), response: new Uint8Array([9, 9]) };
    expect(traceHash([otherBytes], { bodies: false })).toBe(traceHash([entry], { bodies: false }));
    expect(traceHash([otherBytes])).not.toBe(traceHash([entry]));
    // Two exchanges of one instant on different links are concurrent: the order they were recorded in (their ids) does not count.
    const other: TraceEntry = { ...entry, id: entry.id + 1, destination: 'gamma.test' };
    expect(traceHash([entry, other])).toBe(traceHash([{ ...other, id: entry.id }, { ...entry, id: entry.id + 1 }]));
    for (const changed of [{ ...entry, status: 500 }, { ...entry, at: entry.at + 1 }, { ...entry, destination: 'gamma.test' }, { ...entry, path: '/y' }]) {
      expect(traceHash([changed], { bodies: false })).not.toBe(traceHash([entry], { bodies: false }));
    }
  });
});
