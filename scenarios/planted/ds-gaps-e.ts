import { referenceTarget, type Target } from '../../harness/conformance/index.js';
import type { ProviderDefects } from '../../harness/provider/index.js';
import type { PlantedBug } from './planted-bug.js';

const withDefect = (name: string, defects: ProviderDefects) => (domain: string): Target => referenceTarget({ domain, name, defects });

/** Planted bugs caught by the DS checks of gaps set e (scenarios/ds/gaps-e): each skips one profile §12 rule in the reference provider. */
export const DS_GAP_E_PLANTED: readonly PlantedBug[] = [
  { name: "takes commits' LeafNodes without mimi_supported_versions", caughtBy: ['ds.add-users.supported-versions'], target: withDefect('commit leaves unversioned', { skipsCommitLeafVersionCheck: true }) },
  { name: "creates a group whose creator's LeafNode lacks mimi_supported_versions", caughtBy: ['ds.create-group.supported-versions'], target: withDefect('creator leaf unversioned', { skipsCreatorLeafVersionCheck: true }) },
  { name: 'lets an UpdateClient commit change mimi_group_context', caughtBy: ['ds.commit.group-context-unchanged'], target: withDefect('group context changes', { updateTakesGroupContextChanges: true }) },
  { name: 'brings in a second leaf of a ClientID already in the group', caughtBy: ['ds.commit.unique-client-ids'], target: withDefect('duplicate ClientIDs', { acceptsDuplicateClientIds: true }) },
];
