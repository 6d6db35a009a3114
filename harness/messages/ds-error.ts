import * as fc from 'fast-check';
import { opaqueV, struct, text, type ValueOf } from '../codec/index.js';
import { dsErrorCode } from './ds-error-code.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/** Human-readable UTF-8 without control characters other than tab and newline, at most 1024 bytes. */
const errorMessage = text(
  'error message',
  opaqueV,
  (message) => (CONTROL.test(message) ? 'contains a control character' : new TextEncoder().encode(message).length > 1024 ? 'longer than 1024 bytes' : undefined),
  () => fc.string({ unit: 'grapheme', maxLength: 24 }),
);

/**
 * `struct { DSErrorCode code; opaque message<V>; } DSError;` (profile §3;
 * the DS draft leaves DSError as a TODO). Also used as DSFanoutError.
 *
 * @example
 * encode(dsError, { code: 'unknown_group', message: 'no such group' })
 */
export const dsError = struct('DSError', { code: dsErrorCode, message: errorMessage });
export type DSError = ValueOf<typeof dsError>;
