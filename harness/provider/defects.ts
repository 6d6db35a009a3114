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
  /** /group_key_packages still uses up the named clients' KeyPackages when it refuses a request that decodes (a bad signature, say) (profile §6: a refused request MUST NOT change anything); a planted bug of the endpoint fuzzer. */
  readonly consumesKeyPackagesOfRefused?: boolean;
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
  /** CreateGroup takes a group id that names another DS (DS draft "Create group", profile §2). */
  readonly acceptsForeignGroupIds?: boolean;
  /** CreateGroup skips the RFC 9420 §7.3 check of the creator's LeafNode (profile §3 invalid_leaf_node); its mimi_supported_versions is still checked. */
  readonly skipsCreatorLeafCheck?: boolean;
  /** CreateGroup does not require the DS in the group's external_senders (profile §12). */
  readonly skipsExternalSenderCheck?: boolean;
  /** CreateGroup verifies the signature with whatever sender_index the request names, not only 0 (profile §8). */
  readonly createGroupAnySenderIndex?: boolean;
  /** An anonymous commit is taken as authenticated by its MLS signature alone (profile §8). */
  readonly acceptsAnonymousCommits?: boolean;
  /** A commit's ClientSignature is verified with the key of the leaf sender_index names, not the commit's sender (profile §8). */
  readonly ignoresSenderIndex?: boolean;
  /** A commit's ClientSignature is not verified at all (profile §7, §8). */
  readonly skipsClientSignature?: boolean;
  /** A member's commit may leave out stored proposals (DS draft "Proposals by reference", profile §14). */
  readonly acceptsMissingProposals?: boolean;
  /** The request type need not match the commit's class (profile §14). */
  readonly ignoresRequestType?: boolean;
  /** Anyone may join by external commit, not only clients of users in the group (profile §14). */
  readonly anyoneMayJoinExternally?: boolean;
  /** A ReInit may name a group id of another DS (DS draft "ReInitialize a group"). */
  readonly acceptsForeignReinit?: boolean;
  /** Every Welcome goes to every added client, whatever provider its secrets are for (profile §14 Welcomes). */
  readonly welcomeToEveryProvider?: boolean;
  /** A Welcome to a connection group goes out as deliver_message (profile §5, §14 Fan-out). */
  readonly connectionWelcomeAsMessage?: boolean;
  /** A commit is fanned out to the members of the new epoch instead of the old one (profile §14 Fan-out). */
  readonly fanOutToNewEpoch?: boolean;
  /** A member's commit is fanned out to the committer too (profile §14 Fan-out). */
  readonly commitToCommitter?: boolean;
  /** A self-remove proposal is fanned out to its sender too (profile §14 Fan-out). */
  readonly selfRemoveToSender?: boolean;
  /** /welcome_information serves the tree without checking the joiner's signature (profile §4, §8). */
  readonly welcomeTreeToAnyone?: boolean;
  /** DeleteGroup is fanned out but the group is kept and served (DS draft "Delete a group"). */
  readonly keepsDeletedGroups?: boolean;
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
  /** A retried fan-out is signed again with a fresh message_id, so a guest that processed the first attempt (its answer lost) queues it twice (profile §13). */
  readonly freshMessageIdOnRetry?: boolean;
  /** A fan-out that failed goes to the back of its guest's queue, so later messages overtake it (profile §14 Fan-out: strictly in order). */
  readonly requeueOnRetry?: boolean;
  /** The outbox is not durable: a restart forgets every pending fan-out (profile §14 Fan-out: surviving a restart). */
  readonly volatileOutbox?: boolean;
  /** Application messages still go to clients that were removed from the group (DS draft "Fan-out": to the members only). */
  readonly fanOutToRemoved?: boolean;
  /** ds_add_users also takes Adds of clients of users already in the group (DS draft "Add users to a group"): group-update.ts. */
  readonly addUsersTakesMembers?: boolean;
  /** ds_remove_clients takes a removal of any user's clients (DS draft "Remove clients from a group"): group-update.ts. */
  readonly removeClientsOfAnyUser?: boolean;
  /** ds_remove_users takes a removal of only some clients of a user (DS draft "Remove users from a group"): group-update.ts. */
  readonly removeUsersPartly?: boolean;
  /** ds_update_client takes a commit with proposals by value (DS draft "Update a client in a group"): group-update.ts. */
  readonly updateTakesProposals?: boolean;
  /** A connection KeyPackage may be added to any group (DS draft "Add users to a group"): operation-rules.ts. */
  readonly acceptsConnectionKeyPackages?: boolean;
  /** gap-b: a CreateGroup whose GroupInfo signature does not verify is answered invalid_signature, not invalid_group_info (DS draft "Create group", profile §3). */
  readonly groupInfoSignatureAsInvalidSignature?: boolean;
  /** gap-b: CreateGroup takes a group with no or several mimi_group_context (profile §12). */
  readonly skipsMimiGroupContextCheck?: boolean;
  /** gap-c: ds_remove_clients takes a commit of only Adds (DS draft "Remove clients from a group": only Remove proposals). */
  readonly removeClientsTakesAdds?: boolean;
  /** gap-d: these request types (e.g. `ds_add_users`) take a commit whose UpdatePath changes the committer's credential, its ClientID (DS draft "MUST NOT change the sender's client credential"; profile §12): group-update.ts. */
  readonly credentialChangeTakenBy?: readonly string[];
  /** gap-d: ds_add_clients takes a commit that carries, besides its Adds, proposals other than Add and Remove (DS draft "Add clients to a group"): group-update.ts. */
  readonly addClientsTakesOthers?: boolean;
  /** gap-e: the LeafNodes a commit brings in (Adds, Updates, the UpdatePath's) are not checked for mimi_supported_versions (profile §12): group-update.ts. */
  readonly skipsCommitLeafVersionCheck?: boolean;
  /** gap-e: CreateGroup does not check the creator's LeafNode for mimi_supported_versions (profile §12); the RFC 9420 §7.3 check stays: create-group.ts. */
  readonly skipsCreatorLeafVersionCheck?: boolean;
  /** gap-e: ds_update_client takes GroupContextExtensions proposals by value, and they may change mimi_group_context (DS draft "Group lifecycle", profile §12): group-update.ts. */
  readonly updateTakesGroupContextChanges?: boolean;
  /** gap-e: a commit may bring in a leaf whose ClientID a member already has (profile §12, §14): operation-rules.ts. */
  readonly acceptsDuplicateClientIds?: boolean;
  /** profile gaps: a guest's QS takes a group message from any DS, not only the one its group id names (profile §14; transport draft "Deliver Message"): queueing-service.ts. */
  readonly qsAcceptsForeignGroupMessages?: boolean;
  /** profile gaps: a client takes a peer's GroupKeyPackageResponse as it comes, without checking it holds one KeyPackage per requested client, in order, of that client and regular (profile §5, §14): key-package-client.ts. */
  readonly takesGroupKeyPackagesUnchecked?: boolean;
}

/** No defects: the reference behaviour. */
export const NO_DEFECTS: ProviderDefects = {};
