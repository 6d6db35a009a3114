import { referenceTarget } from '../../harness/conformance/index.js';
import type { PlantedBug } from './planted-bug.js';

/** Planted bugs in the reference DS's own decisions (issue 10 §4). */
export const DS_PLANTED: readonly PlantedBug[] = [
  { name: 'fans an application message out to its sender too', caughtBy: ['ds.send-message.fan-out'], target: (domain) => referenceTarget({ domain, name: 'fans out to the sender', defects: { fanOutToSender: true } }) },
];
