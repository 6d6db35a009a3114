/**
 * The conformance runtime (issue 10): targets, black-box checks and the
 * runner that judges a target by what it does on the wire.
 *
 * @example
 * import { referenceTarget, runChecks } from 'mimi-transport-harness/conformance';
 */
export type { Check, CheckContext, CheckLevel, CheckResult, CheckStatus, CheckVerdict, Evidence, Peer, TargetAddress, TargetRole } from './check.js';
export { referenceTarget, type ReferenceTargetOptions } from './reference-target.js';
export { PEER_DOMAINS, runChecks, type RunChecksOptions } from './runner.js';
export { wrapTarget, type Target, type TargetEnvironment } from './target.js';
export { decodeErrorAnswer, sendRequest, type DecodedError, type WireAnswer, type WireRequest } from './wire.js';
