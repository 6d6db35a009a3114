/**
 * Codecs for the MLS values embedded in MIMI structs, decoded by ts-mls and
 * wrapped to fail with DecodeError and to re-encode byte-exact.
 *
 * @example
 * import { mlsMessage } from 'mimi-transport-harness/codec';
 */
export { embeddedMls, readMls, type Embedded, type MlsStruct } from './embedded.js';
export { plainJson } from './plain-json.js';
export { MLS_SAMPLES, type MlsSampleKind } from './samples.js';
export { groupInfo, keyPackage, leafNode, mlsMessage, node, ratchetTree, signaturePublicKey, type RatchetTreeNodes } from './values.js';
