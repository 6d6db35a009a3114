import { generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { encode } from '../../harness/codec/index.js';
import { verificationKeyResponse, type SignatureScheme } from '../../harness/messages/index.js';
import { generateSignatureKeys, labeledContent, signWithLabel } from '../../harness/mls/index.js';
import { createNetwork, type Network } from '../../harness/network/index.js';
import { createVerificationKeys, VERIFICATION_KEY_LIFETIME_MS, type VerificationKeys } from '../../harness/provider/index.js';
import { createFederation, createVirtualClient } from '../../harness/scenario/index.js';
import { clientOf } from '../helpers/ds-world.js';

const LABEL = 'MIMI test';
const CONTENT = new Uint8Array([1, 2, 3]);

/** What ds.gamma.test answers on /verification_key; the test changes it. */
let answer: { domain: string; scheme: SignatureScheme; key: Uint8Array };
let network: Network;
let keys: VerificationKeys;
beforeEach(async () => {
  network = createNetwork({ seed: 5, transport: 'tls' });
  await network.addHost({
    names: ['ds.gamma.test'],
    start: () => () => Promise.resolve(new Response(encode(verificationKeyResponse, { protocol_version: 1, domain: answer.domain, signature_scheme: answer.scheme, verification_key: answer.key }), { headers: { 'content-type': 'application/octet-stream' } })),
  });
  keys = createVerificationKeys('ds.alpha.test', { clock: network.clock });
});
afterEach(async () => {
  await network.dispose();
});

const verify = (signature: Uint8Array) => network.drive(network.run('ds.alpha.test', () => keys.verify('ds.gamma.test', LABEL, CONTENT, signature)));

/** A P-256 key pair: the public key as the uncompressed SEC1 point (RFC 9420 §5.1.1), and a DER SignWithLabel. */
function p256(): { publicKey: Uint8Array; signWithLabel: (label: string, content: Uint8Array) => Uint8Array } {
  const pair = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const jwk = pair.publicKey.export({ format: 'jwk' });
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x ?? '', 'base64url'), Buffer.from(jwk.y ?? '', 'base64url')]);
  return { publicKey: new Uint8Array(point), signWithLabel: (label, content) => new Uint8Array(sign('sha256', labeledContent(label, content), { key: pair.privateKey, dsaEncoding: 'der' })) };
}

describe('verification keys honour VerificationKeyResponse.signature_scheme (profile §5)', () => {
  it('an Ed25519 key verifies Ed25519 signatures and is cached', async () => {
    const ed = await generateSignatureKeys();
    answer = { domain: 'ds.gamma.test', scheme: 'ed25519', key: ed.publicKey };
    const signature = await signWithLabel(ed.signKey, LABEL, CONTENT);
    expect([await verify(signature), await verify(signature), keys.fetches]).toEqual([true, true, 1]);
  });

  it('a P-256 key verifies ECDSA P-256 signatures; the same key named ed25519 verifies nothing', async () => {
    const ec = p256();
    const signature = ec.signWithLabel(LABEL, CONTENT);
    answer = { domain: 'ds.gamma.test', scheme: 'ecdsa_secp256r1_sha256', key: ec.publicKey };
    expect(await verify(signature)).toBe(true);
    expect(await verify(ec.signWithLabel('MIMI other', CONTENT))).toBe(false);
    const misnamed = createVerificationKeys('ds.alpha.test', { clock: network.clock });
    answer = { ...answer, scheme: 'ed25519' };
    expect(await network.drive(network.run('ds.alpha.test', () => misnamed.verify('ds.gamma.test', LABEL, CONTENT, signature)))).toBe(false);
  });

  it('an Ed25519 key named ecdsa_secp256r1_sha256 is not verified as Ed25519', async () => {
    const ed = await generateSignatureKeys();
    answer = { domain: 'ds.gamma.test', scheme: 'ecdsa_secp256r1_sha256', key: ed.publicKey };
    expect(await verify(await signWithLabel(ed.signKey, LABEL, CONTENT))).toBe(false);
  });

  it('schemes the profile does not allow (Ed448, P-384, P-521) are discarded, never cached', async () => {
    const ed = await generateSignatureKeys();
    const signature = await signWithLabel(ed.signKey, LABEL, CONTENT);
    for (const scheme of ['ed448', 'ecdsa_secp384r1_sha384', 'ecdsa_secp521r1_sha512'] as const) {
      answer = { domain: 'ds.gamma.test', scheme, key: ed.publicKey };
      expect(await verify(signature), scheme).toBe(false);
    }
    expect(keys.discarded).toEqual([
      'ds.gamma.test answered a ed448 key, which profile §5 does not allow',
      'ds.gamma.test answered a ecdsa_secp384r1_sha384 key, which profile §5 does not allow',
      'ds.gamma.test answered a ecdsa_secp521r1_sha512 key, which profile §5 does not allow',
    ]);
    expect(keys.fetches).toBe(3);
  });

  it('an answer whose domain is not the host asked is discarded and not cached', async () => {
    const ed = await generateSignatureKeys();
    const signature = await signWithLabel(ed.signKey, LABEL, CONTENT);
    answer = { domain: 'ds.evil.test', scheme: 'ed25519', key: ed.publicKey };
    expect([await verify(signature), await verify(signature)]).toEqual([false, false]);
    expect(keys.fetches).toBe(2);
    expect(keys.discarded).toEqual(['ds.gamma.test answered with the key of ds.evil.test', 'ds.gamma.test answered with the key of ds.evil.test']);
    answer = { ...answer, domain: 'ds.gamma.test' };
    expect(await verify(signature)).toBe(true);
  });
});

describe('the key cache lifetime on the virtual clock (profile §5)', () => {
  it('a cached key is used for the lifetime, then fetched again', async () => {
    const ed = await generateSignatureKeys();
    const signature = await signWithLabel(ed.signKey, LABEL, CONTENT);
    answer = { domain: 'ds.gamma.test', scheme: 'ed25519', key: ed.publicKey };
    expect(await verify(signature)).toBe(true);
    // From now on the host's answers are bad: only the cached key can verify.
    answer = { ...answer, domain: 'ds.evil.test' };
    await network.advance(VERIFICATION_KEY_LIFETIME_MS - 1);
    expect([await verify(signature), keys.fetches]).toEqual([true, 1]);
    await network.advance(1);
    expect([await verify(signature), keys.fetches]).toEqual([false, 2]);
  });

  it('a provider fetches a peer’s key again once its lifetime is over, on the federation’s clock', async () => {
    const federation = await createFederation({ seed: 6, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }] });
    try {
      const alice = await createVirtualClient(federation, clientOf('alice', 'alpha.test'), { keyPackages: 4 });
      const beta = federation.provider('beta.test');
      const ask = () => federation.network.drive(federation.network.run('beta.test', () => beta.requestGroupKeyPackages({ user_name: 'bob', domain: 'beta.test' }, [alice.id])));
      const fetchesOfBetaKey = () => federation.network.trace.filter((e) => e.destination === 'ds.beta.test' && e.path === '/verification_key' && e.status === 200).length;
      await ask();
      await federation.network.advance(VERIFICATION_KEY_LIFETIME_MS - 1);
      await ask();
      expect(fetchesOfBetaKey()).toBe(1);
      await federation.network.advance(1);
      await ask();
      expect(fetchesOfBetaKey()).toBe(2);
    } finally {
      await federation.dispose();
    }
  });
});
