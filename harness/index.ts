/**
 * mimi-transport-harness: conformance, simulation and fuzzing for the MIMI
 * transport (draft-kohbrok-mimi-transport-00) and the MIMI Delivery Service.
 *
 * @example
 * import { codec, messages } from 'mimi-transport-harness';
 * codec.decode(messages.dsRequest, bytes);
 */
export * as codec from './codec/index.js';
export * as messages from './messages/index.js';
export * as discovery from './discovery/index.js';
export * as pki from './pki/index.js';
export * as provider from './provider/index.js';
export * as network from './network/index.js';
export * as mls from './mls/index.js';
export * as scenario from './scenario/index.js';
export * as conformance from './conformance/index.js';

// The main job as a library (issue 10 §5): run the catalog against any in-process target.
export { referenceTarget, runCatalog, selectChecks, wrapTarget, type Check, type CheckResult, type Target } from './conformance/index.js';
export { CATALOG, CATEGORIES, PLANTED, type PlantedBug } from '../scenarios/index.js';
