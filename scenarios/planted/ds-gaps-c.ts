import { referenceTarget } from '../../harness/conformance/index.js';
import type { PlantedBug } from './planted-bug.js';

/** Planted bugs caught by the DS checks of gaps set c (scenarios/ds/gaps-c). */
export const DS_GAP_C_PLANTED: readonly PlantedBug[] = [
  { name: 'takes a commit of Adds as RemoveClients', caughtBy: ['ds.remove-clients.only-removes'], target: (domain) => referenceTarget({ domain, name: 'remove-clients takes adds', defects: { removeClientsTakesAdds: true } }) },
];
