import { referenceTarget } from '../../harness/conformance/index.js';
import type { PlantedBug } from './planted-bug.js';

const CHECK = 'properties.fan-out.under-faults';

/** Planted bugs the property checks catch (issue 10 §4): each in the reference provider's fan-out, outbox or restart. */
export const PROPERTY_PLANTED: readonly PlantedBug[] = [
  { name: 'delivers twice after a retry (a fresh message_id per attempt)', caughtBy: [CHECK], target: (domain) => referenceTarget({ domain, name: 'fresh message_id on retry', defects: { freshMessageIdOnRetry: true } }) },
  { name: 'reorders deliveries to one provider (a failed fan-out goes to the back)', caughtBy: [CHECK], target: (domain) => referenceTarget({ domain, name: 'requeues on retry', defects: { requeueOnRetry: true } }) },
  { name: 'keeps fanning out to a removed member', caughtBy: [CHECK, 'ds.remove-users.removed-learn'], target: (domain) => referenceTarget({ domain, name: 'fans out to removed members', defects: { fanOutToRemoved: true } }) },
  { name: 'loses a message after a restart (outbox not durable)', caughtBy: [CHECK], target: (domain) => referenceTarget({ domain, name: 'volatile outbox', defects: { volatileOutbox: true } }) },
];
