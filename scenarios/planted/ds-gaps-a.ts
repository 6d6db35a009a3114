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
  { name: "removes another user's client by RemoveClients", caughtBy: ['ds.remove-clients.same-user'], target: withDefect('RemoveClients of anyone', { removeClientsOfAnyUser: true }) },
  { name: 'removes only some clients of a user by RemoveUsers', caughtBy: ['ds.remove-users.whole-users'], target: withDefect('partial RemoveUsers', { removeUsersPartly: true }) },
  { name: 'takes proposals by value in an UpdateClient commit', caughtBy: ['ds.update.path-only'], target: withDefect('UpdateClient with proposals', { updateTakesProposals: true }) },
  { name: 'adds a connection KeyPackage to a regular group', caughtBy: ['ds.add-users.no-connection-key-packages'], target: withDefect('connection KeyPackages anywhere', { acceptsConnectionKeyPackages: true }) },
];
