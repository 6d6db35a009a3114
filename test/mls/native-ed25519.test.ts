import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { nativeEd25519 } from '../../harness/mls/native-ed25519.js';

const hex = (s: string) => Uint8Array.from(Buffer.from(s, 'hex'));

/** RFC 8032 §7.1, TEST 1 and TEST 2. */
const VECTORS = [
  {
    secret: '9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60',
    public: 'd75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a',
    message: '',
    signature: 'e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b',
  },
  {
    secret: '4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb',
    public: '3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c',
    message: '72',
    signature: '92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00',
  },
];

describe('Ed25519 on node:crypto for ts-mls (harness/mls/native-ed25519.ts)', () => {
  it('signs and verifies the RFC 8032 §7.1 vectors, from a raw key and from its PKCS#8 form', async () => {
    for (const v of VECTORS) {
      expect(Buffer.from(await nativeEd25519.sign(hex(v.secret), hex(v.message))).toString('hex')).toBe(v.signature);
      const pkcs8 = hex(`302e020100300506032b657004220420${v.secret}`);
      expect(Buffer.from(await nativeEd25519.sign(pkcs8, hex(v.message))).toString('hex')).toBe(v.signature);
      expect(await nativeEd25519.verify(hex(v.public), hex(v.message), hex(v.signature))).toBe(true);
      const bad = hex(v.signature);
      bad[0] = (bad[0] ?? 0) ^ 1;
      expect(await nativeEd25519.verify(hex(v.public), hex(v.message), bad)).toBe(false);
      expect(await nativeEd25519.verify(hex(v.public), hex(`${v.message}00`), hex(v.signature))).toBe(false);
    }
  });

  it('agrees with WebCrypto (what ts-mls uses without it) on generated keys, both ways; a key of the wrong length is refused as WebCrypto refuses it', async () => {
    const message = new TextEncoder().encode('MLS 1.0 LeafNodeTBS');
    for (let i = 0; i < 8; i++) {
      const { publicKey, signKey } = await nativeEd25519.keygen();
      expect(publicKey).toHaveLength(32);
      const ours = await nativeEd25519.sign(signKey, message);
      const key = await webcrypto.subtle.importKey('raw', publicKey, 'Ed25519', false, ['verify']);
      expect(await webcrypto.subtle.verify('Ed25519', key, ours, message)).toBe(true);
      const theirs = new Uint8Array(await webcrypto.subtle.sign('Ed25519', await webcrypto.subtle.importKey('pkcs8', signKey, 'Ed25519', false, ['sign']), message));
      expect(theirs).toEqual(ours);
      expect(await nativeEd25519.verify(publicKey, message, theirs)).toBe(true);
    }
    await expect(nativeEd25519.verify(new Uint8Array(31), message, new Uint8Array(64))).rejects.toThrow(/32 bytes/);
    await expect(webcrypto.subtle.importKey('raw', new Uint8Array(31), 'Ed25519', false, ['verify'])).rejects.toThrow();
  });
});
