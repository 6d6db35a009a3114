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
  /** An outgoing delivery whose TLS handshake failed (bad certificate, TLS 1.2 only) is dropped instead of retried (profile §13, §14 outbox). */
  readonly dropsDeliveryAfterTlsFailure?: boolean;
  /** Verification keys are fetched with `fetch` and the draft's GET with a body, which fetch refuses, with no POST fallback (profile §10 "GET with a body"). */
  readonly verificationKeyByFetch?: boolean;
  /** A member commit over the member's rate limit is applied and fanned out, and only then answered 429 (profile §14: a refusal changes nothing). */
  readonly appliesRateLimitedCommit?: boolean;
  /** The per-group limits of /welcome_information and /external_commit_information share one bucket for every group (transport draft "Rate-limiting": per Group ID). */
  readonly oneBucketForAllGroups?: boolean;
  /** The per-member limit of ds_send_message shares one bucket for every member of a group (transport draft "Rate-limiting": per group member). */
  readonly oneBucketForAllMembers?: boolean;
  /** A client with no regular KeyPackage left gets `no_key_packages` on /group_key_packages even if it has a last-resort one (profile §5). */
  readonly noLastResortKeyPackage?: boolean;
  /** Fetched verification keys never expire (profile §5 allows at most 1 hour). */
  readonly cacheVerificationKeysForever?: boolean;
  /** A signature that fails with the cached verification key is not checked again with a freshly fetched one (profile §5: key rotation). */
  readonly noVerificationKeyRefetch?: boolean;
  /** Fan-out of a message to four or more guest providers skips the fourth (DS draft "Server to server requests"). */
  readonly fanOutSkipsFourthGuest?: boolean;
  /** A member's self-remove proposal is stored but not fanned out to the other members (DS draft "Self remove a client from a group"). */
  readonly dropSelfRemoveFanOut?: boolean;
  /** After an external commit the DS does not propose again the stored proposals (a self-remove among them) it had to leave out (profile §14). */
  readonly forgetSelfRemoveOnExternalJoin?: boolean;
  /** After accepting a ReInit the DS keeps serving the GroupInfo of the epoch before it (DS draft "ReInitialize a group"). */
  readonly staleGroupInfoAfterReinit?: boolean;
}

/** No defects: the reference behaviour. */
export const NO_DEFECTS: ProviderDefects = {};
