import { defaultLifetime, generateKeyPackageWithKey, type Extension } from 'ts-mls';
import { encode } from '../../harness/codec/index.js';
import { MimiExtensionType, mimiSupportedVersions } from '../../harness/messages/index.js';
import { mimiCapabilities, mlsSuite, type ClientIdentity, type OwnKeyPackage } from '../../harness/mls/index.js';

/** A `mimi_supported_versions` extension with raw data (for malformed values). */
export const supportedVersionsData = (extensionData: Uint8Array): Extension => ({ extensionType: MimiExtensionType.mimi_supported_versions, extensionData });

/** A `mimi_supported_versions` extension listing `versions`. */
export const supportedVersions = (versions: number[]): Extension => supportedVersionsData(encode(mimiSupportedVersions, { versions }));

/**
 * A validly signed regular KeyPackage whose LeafNode carries exactly
 * `leafExtensions` (the harness's createKeyPackage always adds a good
 * mimi_supported_versions; profile §12 tests need leaves without one).
 */
export async function keyPackageWithLeafExtensions(identity: ClientIdentity, leafExtensions: Extension[]): Promise<OwnKeyPackage> {
  const cs = await mlsSuite();
  const { publicPackage, privatePackage } = await generateKeyPackageWithKey(identity.credential, mimiCapabilities(), defaultLifetime, [], identity.signatureKeyPair, cs, leafExtensions);
  return { kind: 'regular', publicPackage, privatePackage };
}

/** The leaf extension sets that break profile §12's mimi_supported_versions rule, by name. */
export const BAD_SUPPORTED_VERSIONS: readonly (readonly [string, Extension[]])[] = [
  ['absent', []],
  ['without version 1', [supportedVersions([2, 3])]],
  ['empty', [supportedVersions([])]],
  ['malformed (odd length)', [supportedVersionsData(new Uint8Array([0x03, 0x00, 0x01, 0x00]))]],
];
