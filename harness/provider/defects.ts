/**
 * Planted bugs (issue 10 §4): deliberate defects a reference provider can be
 * built with, so that every conformance check is shown able to fail. Each
 * field is one defect; the code that honours it sits next to the rule it
 * breaks and says so. An honest provider has none: `createProvider` without
 * `defects` is the reference behaviour.
 *
 * Defects that a Fetch-handler wrapper can plant (rewriting requests or
 * answers) are planted that way (`wrapTarget`); these are the ones that need
 * the provider's own decisions, such as what it fans out or stores.
 *
 * @example
 * const buggy = await createProvider({ domain: 'bug.test', dsDomain: 'ds.bug.test', defects: { fanOutToSender: true } });
 */
export interface ProviderDefects {
  /** Fan-out also goes to the sender's own provider for the sender's client (DS draft "Fan-out"). */
  readonly fanOutToSender?: boolean;
  /** A retried fan-out is signed again with a fresh message_id, so a guest that processed the first attempt (its answer lost) queues it twice (profile §13). */
  readonly freshMessageIdOnRetry?: boolean;
  /** A fan-out that failed goes to the back of its guest's queue, so later messages overtake it (profile §14 Fan-out: strictly in order). */
  readonly requeueOnRetry?: boolean;
  /** The outbox is not durable: a restart forgets every pending fan-out (profile §14 Fan-out: surviving a restart). */
  readonly volatileOutbox?: boolean;
  /** Application messages still go to clients that were removed from the group (DS draft "Fan-out": to the members only). */
  readonly fanOutToRemoved?: boolean;
}

/** No defects: the reference behaviour. */
export const NO_DEFECTS: ProviderDefects = {};
