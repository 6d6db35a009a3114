import { runModelProperty, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

/** Runs per `npm test` (MIMI_PROPERTY_RUNS, or the runner's numRuns, for more). */
const DEFAULT_RUNS = 4;

function run(ctx: CheckContext): Promise<CheckVerdict> {
  return runModelProperty(ctx, { defaultRuns: DEFAULT_RUNS });
}

/**
 * The federation model (issue 10 §3 properties): a group on the target's
 * DS whose members are harness clients at 1 to 5 harness peers (2 to 6
 * providers with the target), under random sends, adds, removes and
 * updates, with drops, duplicates, delays, partitions, crashes and restarts
 * of peers and of the target, and clock advances. After healing: exactly
 * once and in order per sender, nothing lost, every member agrees with what
 * the target serves, nothing sent to a removed member after its removal,
 * and no reflected fan-out accepted.
 *
 * @example
 * await runCatalog({ target, checks: [fanOutUnderFaults], seed: 1, numRuns: 50 });
 */
export const fanOutUnderFaults: Check = {
  id: 'properties.fan-out.under-faults',
  section: 'DS draft "Server to server requests"; transport draft "Deliver Message"; PROFILE §6, §13, §14 Fan-out',
  quote: 'A guest QS MUST deduplicate its queue per client by (sender, message_id), and MUST keep the order of messages within each group',
  level: 'PROFILE',
  role: 'ds',
  needs: ['faults', 'target-crash', 'target-time'],
  peers: 5,
  run,
};
