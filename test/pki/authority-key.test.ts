import { createPublicKey, X509Certificate } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { BUNDLED_RSA_KEYS } from '../../harness/pki/bundled-keys.js';
import { createHarnessPki } from '../../harness/pki/index.js';

const now = new Date();
const spki = (key: string | X509Certificate) =>
  (typeof key === 'string' ? createPublicKey(key) : key.publicKey).export({ type: 'spki', format: 'der' }).toString('hex');
const bundled = new Set(BUNDLED_RSA_KEYS.map(spki));

describe('CA keys', () => {
  it('each PKI signs with its own fresh ECDSA P-256 CA key, none of them bundled', () => {
    const [a, b] = [createHarnessPki({ now: () => now }), createHarnessPki({ now: () => now })];
    const [caA, caB] = [new X509Certificate(a?.caPem ?? ''), new X509Certificate(b?.caPem ?? '')];
    expect(spki(caA)).not.toBe(spki(caB));
    for (const ca of [caA, caB]) {
      expect(bundled.has(spki(ca))).toBe(false);
      expect(ca.publicKey.asymmetricKeyDetails).toEqual({ namedCurve: 'prime256v1' });
      expect(ca.ca).toBe(true);
      expect(ca.verify(ca.publicKey)).toBe(true);
    }
  });

  it('a leaf of the untrusted-ca variant does not verify under the trusted CA; leaves keep their pooled RSA keys', () => {
    const pki = createHarnessPki({ now: () => now });
    const trusted = new X509Certificate(pki.caPem);
    const valid = new X509Certificate(pki.credentials(['alpha.test']).certPem);
    const rogueLeaf = new X509Certificate(pki.credentials(['alpha.test'], 'untrusted-ca').certPem);
    expect(valid.verify(trusted.publicKey)).toBe(true);
    expect(rogueLeaf.verify(trusted.publicKey)).toBe(false);
    expect(bundled.has(spki(valid))).toBe(true);
    expect(valid.publicKey.asymmetricKeyType).toBe('rsa');
  });
});
