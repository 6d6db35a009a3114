import { describe, expect, it } from 'vitest';
import { decode, encode, keyPackage as keyPackageCodec } from '../../harness/codec/index.js';
import { clientId, MimiExtensionType } from '../../harness/messages/index.js';
import { createKeyPackage, isConnectionKeyPackage, isLastResortKeyPackage, mimiCapabilities } from '../../harness/mls/index.js';
import { encodeKeyPackage } from 'ts-mls/keyPackage.js';
import { identityFor } from '../helpers/mls-group.js';

describe('key packages', () => {
  it('carry the client\'s ClientID as their BasicCredential, and the profile\'s markers by kind', async () => {
    const alice = await identityFor('alice', 'phone');
    const regular = await createKeyPackage(alice);
    const connection = await createKeyPackage(alice, 'connection');
    const lastResort = await createKeyPackage(alice, 'last-resort');
    const credential = regular.publicPackage.leafNode.credential;
    expect(credential.credentialType === 'basic' ? decode(clientId, credential.identity) : null).toEqual(alice.clientId);
    expect([isConnectionKeyPackage(regular.publicPackage), isLastResortKeyPackage(regular.publicPackage)]).toEqual([false, false]);
    expect([isConnectionKeyPackage(connection.publicPackage), isLastResortKeyPackage(connection.publicPackage)]).toEqual([true, false]);
    expect([isConnectionKeyPackage(lastResort.publicPackage), isLastResortKeyPackage(lastResort.publicPackage)]).toEqual([false, true]);
    expect(regular.publicPackage.leafNode.extensions.map((e) => e.extensionType)).toContain(MimiExtensionType.mimi_supported_versions);
    expect(mimiCapabilities().extensions).toEqual([0xf0d0, 0xf0d1, 0xf0d2, 0xf0d3]);
    // They pass through the harness's strict KeyPackage codec byte-exact.
    const bytes = encodeKeyPackage(connection.publicPackage);
    expect(encode(keyPackageCodec, decode(keyPackageCodec, bytes))).toEqual(bytes);
  });
});
