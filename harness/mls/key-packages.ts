import { defaultLifetime, generateKeyPackageWithKey, type Capabilities, type Extension, type KeyPackage, type PrivateKeyPackage } from 'ts-mls';
import { encodeKeyPackage } from 'ts-mls/keyPackage.js';
import { encodeLeafNode } from 'ts-mls/leafNode.js';
import { MimiExtensionType } from '../messages/index.js';
import { mimiSupportedVersionsExtension } from './extensions.js';
import type { ClientIdentity } from './identity.js';
import { CIPHERSUITE, mlsSuite } from './suite.js';

/** The kinds of KeyPackage a provider hands out (DS draft "KeyPackages", profile §12). */
export type KeyPackageKind = 'regular' | 'connection' | 'last-resort';

/** A KeyPackage with the private keys its owner keeps. */
export interface OwnKeyPackage {
  readonly kind: KeyPackageKind;
  readonly publicPackage: KeyPackage;
  readonly privatePackage: PrivateKeyPackage;
}

/**
 * What every harness client supports: MLS 1.0, the harness ciphersuite,
 * basic credentials and the profile's four extensions. Listed by hand:
 * ts-mls's defaultCapabilities() adds random GREASE values, which would make
 * runs irreproducible. RFC 9420 §7.2: custom extensions a leaf carries, or a
 * group requires, must be listed.
 */
export function mimiCapabilities(): Capabilities {
  return {
    versions: ['mls10'],
    ciphersuites: [CIPHERSUITE],
    extensions: [MimiExtensionType.mimi_group_context, MimiExtensionType.mimi_supported_versions, MimiExtensionType.mimi_connection_key_package, MimiExtensionType.mimi_last_resort],
    proposals: [],
    credentials: ['basic'],
  };
}

/**
 * A new KeyPackage: regular; connection (its LeafNode carries
 * mimi_connection_key_package); or last-resort (the KeyPackage carries
 * mimi_last_resort). Every LeafNode carries mimi_supported_versions.
 *
 * @example
 * const kp = await createKeyPackage(alice, 'connection');
 */
export async function createKeyPackage(identity: ClientIdentity, kind: KeyPackageKind = 'regular'): Promise<OwnKeyPackage> {
  const cs = await mlsSuite();
  const leafExtensions: Extension[] = [mimiSupportedVersionsExtension()];
  if (kind === 'connection') leafExtensions.push({ extensionType: MimiExtensionType.mimi_connection_key_package, extensionData: new Uint8Array(0) });
  const keyPackageExtensions: Extension[] = kind === 'last-resort' ? [{ extensionType: MimiExtensionType.mimi_last_resort, extensionData: new Uint8Array(0) }] : [];
  const { publicPackage, privatePackage } = await generateKeyPackageWithKey(identity.credential, mimiCapabilities(), defaultLifetime, keyPackageExtensions, identity.signatureKeyPair, cs, leafExtensions);
  return { kind, publicPackage, privatePackage };
}

/** Whether a KeyPackage is a connection KeyPackage (profile §12). @example isConnectionKeyPackage(kp.publicPackage) */
export function isConnectionKeyPackage(keyPackage: KeyPackage): boolean {
  return keyPackage.leafNode.extensions.some((e) => e.extensionType === MimiExtensionType.mimi_connection_key_package);
}

/** Whether a KeyPackage is a last-resort KeyPackage (profile §12). */
export function isLastResortKeyPackage(keyPackage: KeyPackage): boolean {
  return keyPackage.extensions.some((e) => e.extensionType === MimiExtensionType.mimi_last_resort);
}

/** The KeyPackage's wire bytes (RFC 9420 §10, bare), as a provider stores it. @example decode(keyPackage, keyPackageBytes(kp)) */
export function keyPackageBytes(keyPackage: OwnKeyPackage): Uint8Array {
  return encodeKeyPackage(keyPackage.publicPackage);
}

/** The KeyPackage's LeafNode bytes (CreateGroupRequest.leaf_node). @example decode(leafNode, leafNodeBytes(kp)) */
export function leafNodeBytes(keyPackage: OwnKeyPackage): Uint8Array {
  return encodeLeafNode(keyPackage.publicPackage.leafNode);
}
