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

/**
 * A last-resort connection KeyPackage (profile §12): its LeafNode carries
 * mimi_supported_versions and mimi_connection_key_package, the KeyPackage
 * mimi_last_resort. The harness's createKeyPackage has no such kind.
 */
export async function connectionLastResort(identity: ClientIdentity): Promise<OwnKeyPackage> {
  const cs = await mlsSuite();
  const leaf = [supportedVersions([1]), { extensionType: MimiExtensionType.mimi_connection_key_package, extensionData: new Uint8Array(0) }];
  const marker = [{ extensionType: MimiExtensionType.mimi_last_resort, extensionData: new Uint8Array(0) }];
  const { publicPackage, privatePackage } = await generateKeyPackageWithKey(identity.credential, mimiCapabilities(), defaultLifetime, marker, identity.signatureKeyPair, cs, leaf);
  return { kind: 'last-resort', publicPackage, privatePackage };
}
