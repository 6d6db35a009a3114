import { getCiphersuiteFromName, getCiphersuiteImpl, nobleCryptoProvider, type CiphersuiteImpl, type CiphersuiteName } from 'ts-mls';
import { nativeEd25519 } from './native-ed25519.js';

/** The ciphersuite of every harness group: MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519 (RFC 9420 §17.1, code 1). */
export const CIPHERSUITE: CiphersuiteName = 'MLS_128_DHKEMX25519_AES128GCM_SHA256_Ed25519';

let suite: Promise<CiphersuiteImpl> | undefined;

/**
 * The ciphersuite implementation on ts-mls's noble provider (about 4x faster
 * than the WebCrypto default for the hash-bound DS work, DESIGN.md), with
 * Ed25519 on node:crypto with parsed keys kept (native-ed25519.ts).
 *
 * @example
 * const cs = await mlsSuite();
 */
export function mlsSuite(): Promise<CiphersuiteImpl> {
  suite ??= getCiphersuiteImpl(getCiphersuiteFromName(CIPHERSUITE), nobleCryptoProvider).then((impl) => ({ ...impl, signature: nativeEd25519 }));
  return suite;
}
