/**
 * The conformance runtime (issue 10): targets, black-box checks and the
 * runner that judges a target by what it does on the wire.
 *
 * @example
 * import { referenceTarget, runChecks } from 'mimi-transport-harness/conformance';
 */
export type { Check, CheckContext, CheckLevel, CheckNeed, CheckResult, CheckStatus, CheckVerdict, Evidence, Peer, TargetAddress, TargetRole } from './check.js';
export type { ControlledClient, TargetControl } from './control.js';
export { providerControl, referenceTarget, type ReferenceTargetOptions } from './reference-target.js';
export { externalPeerDomains, startExternalPeerFronts } from './external-peers.js';
export { pastRateLimit, realWait, REAL_WAIT_BUDGET_MS } from './real-wait.js';
export { runInWorkers, type ParallelRunOptions } from './parallel-run.js';
export { builtModuleUrl, NotBuiltError, RUNNING_FROM_SOURCE, type WorkerRecipe, type WorkerSetup } from './worker-recipe.js';
export { PEER_DOMAINS, replayCommand, runCatalog, runChecks, selectChecks, type RunCatalogOptions, type RunChecksOptions } from './runner.js';
export { wrapTarget, type Target, type TargetEnvironment } from './target.js';
export { judgeAnswer, strictProblem } from './refusal-judge.js';
export { decodeErrorAnswer, sendRequest, type DecodedError, type WireAnswer, type WireRequest } from './wire.js';
export { clientIdOf, describeOutcome, dsAttempt, groupOnTarget, harnessClient, settleTarget, settleUntil, type ClientSpec, type DsOutcome, type TargetGroup } from './ds-world.js';
export { fanOutsSoFar, refusedWithoutEffect, snapshotGroup, type GroupSnapshot, type PermittedRefusal, type RefusalExpectation } from './unchanged.js';
export type { TargetTls } from './target.js';
export { declaredBudget, describeAnswer, floodUntilRefused, isRateLimited, limitAnswer, MAX_FLOOD, retryAfterSeconds, spreadSource, type FloodResult, type LimitAnswer } from './rate-answer.js';
export { judgeLimit, type LimitTrial } from './rate-judge.js';
export { externalCommitInfoRequest, leafOf, memberMessages, welcomeInfoRequest, type MemberMessages } from './rate-requests.js';
export { command, emptyModel, flowClient, flowGroup, FlowFailure, liveWith, modelGroup, runScript, type FlowClient, type FlowCommand, type FlowModel, type FlowReal, type ModelGroup, type SentMessage } from './flow-command.js';
export { advanceClock, connect, harnessUser, readQueues, settleFlow, targetUser, type KeyPackageOptions } from './flow-clients.js';
export { addClients, addUsers, createGroup, deleteGroup, externalJoin, reinit, removeClients, removeUsers, resync, selfRemove, send, update, type GroupHome } from './flow-groups.js';
export { expectAgreement, expectDelivered, expectGone } from './flow-assertions.js';
export { expectDiscovery, expectTrafficAtDsDomain, keyFetchesFrom, refetchesKey, rotatePeerKey } from './flow-wire.js';
export { targetDeliveries, recipientsOf, sameBytes, type SeenDelivery } from './ds-fanout.js';
export { disagreement, membersAgreeWithServed, servedGroup, type ServedGroup } from './ds-served.js';
export { craftCreateGroup, createRefused, dsSend, judgeCreateRefusal, externalJoinBody, groupIdNaming, groupUpdateOf, memberAt, nameOf, stateIn, type CreateFlaw } from './ds-craft.js';
export { persona, type Persona, type SignAs } from './persona.js';
export { captured, decodeQs, describeWire, outcomeOf, permits, type CaptureFilter, type WireOutcome } from './persona-capture.js';
export { guestWorld, refusedByGuest, type GuestRefusal, type GuestWorld } from './persona-guest.js';
export { keyPackagePath, keyPackagesIn, refusedKeyPackageRequest, signedKeyPackageRequest, type KeyPackageFields, type KeyPackageKind, type KeyPackageRefusal } from './persona-key-packages.js';
export { asDsOutcome, lastSent, replaceBytes, sendDsBytes } from './persona-ds.js';
export { runModelProperty, MODEL_INVARIANTS, type ModelPropertyOptions } from './model-property.js';
export { modelCommands, LINK_FAULTS, type ModelCommand } from './model-commands.js';
export { initialModel, healAll, type FederationModel, type ModelWorld } from './model-state.js';
export { judgeRun, quiesce, QUIESCENCE_MS } from './model-judge.js';
export { fanOutsOfRun, reflectFanOut, type SentFanOut } from './model-wire.js';
export { craftGroupInfoFlaw, groupInfoRefused, type GroupInfoFlaw } from './gap-b-create.js';
export { craftCreateGroupFrom } from './gap-e-create.js';
/** The sender_index a joiner sends when it does not know its leaf yet (profile §8), for checks of /welcome_information. */
export { UNKNOWN_LEAF } from '../provider/index.js';
/** Signing of the profile's KeyPackage requests (§5, §7) and the shape of a declared budget, for checks that craft such requests. */
export { signedConnectionKeyPackageRequest, signedGroupKeyPackageRequest, type Budget } from '../provider/index.js';
export { externalTarget, probeDiscovery, TargetNotReadyError, waitUntilReady, type ExternalTargetConfig, type HealthProbe, type RemoteTarget } from './external-target.js';
export { externalNeed, healthAfter, withCheckTimeout } from './external-run.js';
export { httpControl, type HttpControlOptions } from './control-http.js';
export { startControlServer, type ControlServer } from './control-server.js';
export { CONTROL_ERRORS, stateOf, type ControlErrorCode, type ControlState } from './control-wire.js';
export { craftCommit, eachRefusedWithoutEffect, holdingSelfRemove, type CommitCraft, type CraftedCommit, type MemberCommitType, type Violation } from './gap-d-craft.js';
