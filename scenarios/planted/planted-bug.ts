import type { Target } from '../../harness/conformance/index.js';

/**
 * One variant of the reference provider with one deliberate defect (issue
 * 10 §4), and the checks that must catch it. `target` builds it on a domain.
 *
 * @example
 * const variant: PlantedBug = { name: 'fans out to the sender', caughtBy: ['ds.send-message.fan-out'], target: (domain) => referenceTarget({ domain, defects: { fanOutToSender: true } }) };
 */
export interface PlantedBug {
  readonly name: string;
  /** Ids of the checks that fail against it (at least one; the matrix test asserts exactly these fail). */
  readonly caughtBy: readonly string[];
  readonly target: (domain: string) => Target;
}
