import type { GroupContext, GroupInfo, RatchetTree, UnappliedProposals } from 'ts-mls';

/** A tree kept for clients added in `epoch` that have not joined yet (DS draft "DS assisted joining"). */
export interface PendingJoin {
  readonly epoch: bigint;
  readonly ratchetTree: RatchetTree;
  readonly joiners: readonly number[];
}

/**
 * What the DS knows of one group: only public state, never a private key.
 * Immutable: every operation returns a new DsGroup.
 */
export interface DsGroup {
  readonly groupContext: GroupContext;
  readonly ratchetTree: RatchetTree;
  readonly confirmationTag: Uint8Array;
  /** The current epoch's GroupInfo, assembled from the committer's PartialGroupInfo. */
  readonly groupInfo: GroupInfo;
  /** Standalone proposals received in this epoch, by reference. */
  readonly unappliedProposals: UnappliedProposals;
  /** True after a ReInit commit: the group takes no further commits (RFC 9420 §11.2). */
  readonly suspended: boolean;
  readonly pendingJoins: readonly PendingJoin[];
}
