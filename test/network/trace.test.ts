import { describe, expect, it } from 'vitest';
import { encode } from '../../harness/codec/index.js';
import { verificationKeyRequest } from '../../harness/messages/index.js';
import { createNetwork } from '../../harness/network/index.js';
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
});
