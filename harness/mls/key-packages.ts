import { defaultLifetime, generateKeyPackageWithKey, type Capabilities, type CredentialTypeName, type Extension, type KeyPackage, type PrivateKeyPackage } from 'ts-mls';

/** An MLS extension as ts-mls holds it (RFC 9420 §13), for code outside harness/mls that crafts leaves. */
export type { Extension as MlsExtension } from 'ts-mls';
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
 * What a caller may change in a KeyPackage's capabilities (RFC 9420 §7.2),
 * e.g. to join groups of other stacks: Wire's core-crypto (OpenMLS) creates
 * groups that require the credential types basic and x509.
 */
export interface CapabilityOptions {
  /** The credential types listed; must include basic, the harness's own credential (default `['basic']`). */
  readonly credentials?: readonly CredentialTypeName[];
  /** Extension types listed beyond the profile's four, which every harness LeafNode needs. */
  readonly extensions?: readonly number[];
}

/**
 * What every harness client supports: MLS 1.0, the harness ciphersuite,
 * basic credentials and the profile's four extensions, plus what `options`
 * add. Listed by hand: ts-mls's defaultCapabilities() adds random GREASE
 * values, which would make runs irreproducible. RFC 9420 §7.2: custom
 * extensions a leaf carries, or a group requires, must be listed.
 *
 * @example
 * const caps = mimiCapabilities({ credentials: ['basic', 'x509'] });
 */
export function mimiCapabilities(options: CapabilityOptions = {}): Capabilities {
  const credentials = [...(options.credentials ?? ['basic'])];
  if (!credentials.includes('basic')) throw new Error('the capabilities must list basic, the credential type of every harness client (profile §12)');
  const profile: number[] = [MimiExtensionType.mimi_group_context, MimiExtensionType.mimi_supported_versions, MimiExtensionType.mimi_connection_key_package, MimiExtensionType.mimi_last_resort];
  return {
    versions: ['mls10'],
    ciphersuites: [CIPHERSUITE],
    extensions: [...profile, ...(options.extensions ?? []).filter((e) => !profile.includes(e))],
    proposals: [],
    credentials,
  };
}

/**
 * A new KeyPackage: regular; connection (its LeafNode carries
 * mimi_connection_key_package); or last-resort (the KeyPackage carries
 * mimi_last_resort). Every LeafNode carries
 * mimi_supported_versions. `capabilities` adds credential types and
 * extension types to what the LeafNode lists (see {@link mimiCapabilities}).
 *
 * @example
 * const kp = await createKeyPackage(alice, 'connection');
 * const forCoreCrypto = await createKeyPackage(alice, 'regular', { credentials: ['basic', 'x509'] });
 */
export async function createKeyPackage(identity: ClientIdentity, kind: KeyPackageKind = 'regular', capabilities: CapabilityOptions = {}): Promise<OwnKeyPackage> {
  const cs = await mlsSuite();
  const leafExtensions: Extension[] = [mimiSupportedVersionsExtension()];
  if (kind === 'connection') leafExtensions.push({ extensionType: MimiExtensionType.mimi_connection_key_package, extensionData: new Uint8Array(0) });
  const keyPackageExtensions: Extension[] = kind === 'last-resort' ? [{ extensionType: MimiExtensionType.mimi_last_resort, extensionData: new Uint8Array(0) }] : [];
  const { publicPackage, privatePackage } = await generateKeyPackageWithKey(identity.credential, mimiCapabilities(capabilities), defaultLifetime, keyPackageExtensions, identity.signatureKeyPair, cs, leafExtensions);
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

/**
 * A regular KeyPackage of `identity` whose LeafNode carries exactly
 * `leafExtensions` (a harness KeyPackage carries mimi_supported_versions
 * [1]); its capabilities are a harness client's, and it is signed, so it is
 * valid RFC 9420 whatever the profile says of its extensions.
 *
 * @example
 * const bare = await keyPackageWithLeafExtensions(carol.identity, []);
 */
export async function keyPackageWithLeafExtensions(identity: ClientIdentity, leafExtensions: readonly Extension[]): Promise<OwnKeyPackage> {
  const cs = await mlsSuite();
  const { publicPackage, privatePackage } = await generateKeyPackageWithKey(identity.credential, mimiCapabilities(), defaultLifetime, [], identity.signatureKeyPair, cs, [...leafExtensions]);
  return { kind: 'regular', publicPackage, privatePackage };
}
