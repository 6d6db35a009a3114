import { encode } from '../../../harness/codec/index.js';
import { groupUpdateOf, stateIn } from '../../../harness/conformance/index.js';
import { MimiExtensionType, mimiSupportedVersions, type DSRequestBody } from '../../../harness/messages/index.js';
import { addProposal, commit, welcomeFor, type MlsExtension as Extension, type OwnKeyPackage } from '../../../harness/mls/index.js';

export { keyPackageWithLeafExtensions } from '../../../harness/mls/index.js';
import { embedded, type VirtualClient } from '../../../harness/scenario/index.js';

/** A LeafNode's extensions that profile §12 refuses, with what is wrong with them. */
export interface UnversionedLeaf {
  readonly what: string;
  readonly extensions: readonly Extension[];
}

/**
 * The two ways a LeafNode fails profile §12's mimi_supported_versions: the
 * extension is missing, or it lists versions but not 1 (the group's and
 * only version). Everything else about such a leaf is valid RFC 9420.
 */
export const UNVERSIONED_LEAVES: readonly UnversionedLeaf[] = [
  { what: 'no mimi_supported_versions', extensions: [] },
  { what: 'mimi_supported_versions [2, 3], without version 1', extensions: [{ extensionType: MimiExtensionType.mimi_supported_versions, extensionData: encode(mimiSupportedVersions, { versions: [2, 3] }) }] },
];

/** A KeyPackage to add, with the domain of its client's provider (which its Welcome goes to). */
export interface Addition {
  readonly domain: string;
  readonly keyPackage: OwnKeyPackage;
}

/**
 * `committer` commits Adds of the given KeyPackages, with one Welcome per
 * provider (DS draft "Add users to a group"), as the body of `type`;
 * nothing is sent.
 *
 * @example
 * const body = await addBody(alice, group, [{ domain: carol.id.user.domain, keyPackage }], 'ds_add_users');
 */
export async function addBody(committer: VirtualClient, group: Uint8Array, additions: readonly Addition[], type: 'ds_add_users' | 'ds_add_clients'): Promise<DSRequestBody> {
  const out = await commit(stateIn(committer, group), additions.map((a) => addProposal(a.keyPackage.publicPackage)));
  const welcome = out.welcome;
  if (welcome === undefined) throw new Error('an Add commit without a Welcome');
  const domains = [...new Set(additions.map((a) => a.domain))];
  const welcome_messages = await Promise.all(domains.map(async (d) => embedded(await welcomeFor(welcome, additions.filter((a) => a.domain === d).map((a) => a.keyPackage.publicPackage)))));
  const group_update = groupUpdateOf(out);
  return type === 'ds_add_users' ? { request_type: type, add_users_request: { group_update, welcome_messages } } : { request_type: type, add_clients_request: { group_update, welcome_messages } };
}
