import { referenceTarget, type Target } from '../../harness/conformance/index.js';
import type { ProviderDefects } from '../../harness/provider/index.js';
import type { PlantedBug } from './planted-bug.js';

const withDefect = (name: string, defects: ProviderDefects) => (domain: string): Target => referenceTarget({ domain, name, defects });

/**
 * Planted bugs for the DS gap checks, set a (issue 10 §4): each loosens one
 * rule of DS draft "Client-initiated operations" in the reference provider.
 *
 * @example
 * for (const bug of DS_GAP_A_PLANTED) await runCatalog({ target: bug.target('target.test'), checks: DS_CHECKS, seed: 1 });
 */
export const DS_GAP_A_PLANTED: readonly PlantedBug[] = [
  { name: "adds a member's own device by AddUsers", caughtBy: ['ds.add-users.no-existing-members'], target: withDefect('AddUsers of members', { addUsersTakesMembers: true }) },
];
