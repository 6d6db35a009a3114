import { referenceTarget } from '../../harness/conformance/index.js';
import type { PlantedBug } from './planted-bug.js';

/** A reference provider whose one request type lets a commit change the committer's credential (defects.ts credentialChangeTakenBy). */
const credentialChangeIn = (type: string, name: string) => (domain: string) => referenceTarget({ domain, name, defects: { credentialChangeTakenBy: [type] } });

/** Planted bugs caught by the DS checks of gaps set d (scenarios/ds/gaps-d). */
export const DS_GAP_D_PLANTED: readonly PlantedBug[] = [
  { name: "AddUsers lets the committer's credential change", caughtBy: ['ds.add-users.credential-unchanged'], target: credentialChangeIn('ds_add_users', 'add-users changes credential') },
  { name: "RemoveUsers lets the committer's credential change", caughtBy: ['ds.remove-users.credential-unchanged'], target: credentialChangeIn('ds_remove_users', 'remove-users changes credential') },
  { name: "AddClients lets the committer's credential change", caughtBy: ['ds.add-clients.credential-unchanged'], target: credentialChangeIn('ds_add_clients', 'add-clients changes credential') },
  { name: "RemoveClients lets the committer's credential change", caughtBy: ['ds.remove-clients.credential-unchanged'], target: credentialChangeIn('ds_remove_clients', 'remove-clients changes credential') },
  { name: "UpdateClient takes any new leaf credential unvalidated", caughtBy: ['ds.update.validate-credential'], target: credentialChangeIn('ds_update_client', 'update takes any credential') },
  { name: 'AddClients takes other proposals besides its Adds', caughtBy: ['ds.add-clients.only-adds'], target: (domain) => referenceTarget({ domain, name: 'add-clients takes others', defects: { addClientsTakesOthers: true } }) },
];
