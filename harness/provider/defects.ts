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
  /** Paths of signed provider-to-provider endpoints that skip the recipient check (profile §6 step 1): honoured in signed-request-flow.ts. */
  readonly skipRecipientCheck?: readonly string[];
  /** Paths that trust the `sender` field and verify no signature (profile §6 step 2): honoured in signed-request-flow.ts. */
  readonly trustSenderField?: readonly string[];
  /** Paths that accept a valid signature under any of the profile's labels, not only the payload's own (profile §7): honoured in signed-request-flow.ts. */
  readonly acceptWrongLabel?: readonly string[];
  /** Paths that process every repeat afresh: no replay memory, and for QS paths no per-client deduplication (profile §13): signed-request-flow.ts, queueing-service.ts. */
  readonly noReplayMemory?: readonly string[];
  /** Anonymous KeyPackage retrieval uses up any number of KeyPackages (no per-client budget, profile §14): key-packages.ts. */
  readonly noKeyPackageBudget?: boolean;
  /** Discovery follows a redirect and trusts the answer at its end (profile §11 forbids both): provider.ts. */
  readonly followDiscoveryRedirects?: boolean;
  /** /welcome_information serves the tree to any member's signature, not only a joiner's of that epoch (profile §8): welcome-information.ts. */
  readonly welcomeInfoToAnyMember?: boolean;
  /** KeyPackage requests skip the check that the requester belongs to the sender (profile §5): key-packages.ts. */
  readonly skipRequesterCheck?: boolean;
}

/** No defects: the reference behaviour. */
export const NO_DEFECTS: ProviderDefects = {};
