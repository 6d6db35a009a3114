import type { MLSMessage } from 'ts-mls';
import { encodeMlsMessage } from 'ts-mls/message.js';
import { decode, mlsMessage } from '../codec/index.js';

/**
 * Everything that leaves a virtual client crosses the wire as bytes.
 *
 * @example
 * const bytes = toWire(commit);
 */
export function toWire(message: MLSMessage): Uint8Array {
  return encodeMlsMessage(message);
}

/**
 * Bytes back to an MLSMessage through the harness's strict codec (a
 * DecodeError for anything non-canonical).
 *
 * @example
 * const message = fromWire(bytes);
 */
export function fromWire(bytes: Uint8Array): MLSMessage {
  return decode(mlsMessage, bytes, { rootName: 'MLSMessage' }).value;
}
