/**
 * The Delivery Service's public group tracker: it follows each group it
 * owns as a passive member would, holding no private keys.
 *
 * @example
 * import { bootstrapGroup, processCommit } from 'mimi-transport-harness/mls';
 */
export { checkCommitLeaves, creatorLeafProblem, supportedVersionsProblem, type CreatorLeafChecks } from './leaf-rules.js';
export { DsRefusal, type DsRefusalReason } from './refusal.js';
export { deserializeDsGroup, serializeDsGroup } from './serialize.js';
export type { DsGroup, PendingJoin } from './state.js';
export { clientOfLeaf, summarize, type CommitSummary, type DsOperation } from './summary.js';
export { bootstrapFromCreateGroup, bootstrapGroup, markJoined, processCommit, processProposal, proposeAsDs, treeForJoiner, type CommitLeniency, type CommitResult } from './tracker.js';
export { carriedProposals } from './carry-over.js';
