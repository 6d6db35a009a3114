import type { Credential, Extension, ExternalSender } from 'ts-mls';
import { decodeExternalSenders, encodeExternalSenders } from 'ts-mls/externalSender.js';
import { encode } from '../codec/index.js';
import { MimiExtensionType, mimiGroupContext, mimiSupportedVersions, type MimiGroupContext } from '../messages/index.js';

/**
 * The `external_senders` GroupContext extension (RFC 9420 §12.1.8.1) as the
 * RFC's list `ExternalSender external_senders<V>`. ts-mls 1.6.4 wrote a
 * single ExternalSender; patches/ts-mls+1.6.4.patch makes it RFC-conformant.
 *
 * @example
 * const ext = externalSendersExtension([{ signaturePublicKey: dsKey, credential: dsCredential('ds.alpha.test') }]);
 */
export function externalSendersExtension(senders: ExternalSender[]): Extension {
  return { extensionType: 'external_senders', extensionData: encodeExternalSenders(senders) };
}

/** Reads the list back (undefined when malformed). @example readExternalSenders(ext.extensionData) */
export function readExternalSenders(extensionData: Uint8Array): ExternalSender[] | undefined {
  return decodeExternalSenders(extensionData);
}

/** The DS's credential in external_senders: a BasicCredential whose identity is its domain in ASCII (profile §12). */
export function dsCredential(dsDomain: string): Credential {
  return { credentialType: 'basic', identity: new TextEncoder().encode(dsDomain) };
}

/** The profile's `mimi_group_context` GroupContext extension (profile §12). @example mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' }) */
export function mimiGroupContextExtension(value: MimiGroupContext): Extension {
  return { extensionType: MimiExtensionType.mimi_group_context, extensionData: encode(mimiGroupContext, value) };
}

/** The `mimi_supported_versions` LeafNode extension listing DS protocol version 1. */
export function mimiSupportedVersionsExtension(): Extension {
  return { extensionType: MimiExtensionType.mimi_supported_versions, extensionData: encode(mimiSupportedVersions, { versions: [1] }) };
}
