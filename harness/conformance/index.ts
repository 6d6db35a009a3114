/**
 * The conformance runtime (issue 10): targets, black-box checks and the
 * runner that judges a target by what it does on the wire.
 *
 * @example
 * import { referenceTarget, runChecks } from 'mimi-transport-harness/conformance';
 */
export type { Check, CheckContext, CheckLevel, CheckNeed, CheckResult, CheckStatus, CheckVerdict, Evidence, Peer, TargetAddress, TargetRole } from './check.js';
export type { ControlledClient, TargetControl } from './control.js';
export { referenceTarget, type ReferenceTargetOptions } from './reference-target.js';
export { PEER_DOMAINS, replayCommand, runCatalog, runChecks, selectChecks, type RunCatalogOptions, type RunChecksOptions } from './runner.js';
export { wrapTarget, type Target, type TargetEnvironment } from './target.js';
export { decodeErrorAnswer, sendRequest, type DecodedError, type WireAnswer, type WireRequest } from './wire.js';
export { clientIdOf, describeOutcome, dsAttempt, groupOnTarget, harnessClient, settleTarget, type ClientSpec, type DsOutcome, type TargetGroup } from './ds-world.js';
export { fanOutsSoFar, refusedWithoutEffect, snapshotGroup, type GroupSnapshot, type PermittedRefusal, type RefusalExpectation } from './unchanged.js';
export { runModelProperty, MODEL_INVARIANTS, type ModelPropertyOptions } from './model-property.js';
export { modelCommands, LINK_FAULTS, type ModelCommand } from './model-commands.js';
export { initialModel, healAll, type FederationModel, type ModelWorld } from './model-state.js';
export { judgeRun, quiesce, QUIESCENCE_MS } from './model-judge.js';
export { fanOutsOfRun, reflectFanOut, type SentFanOut } from './model-wire.js';
