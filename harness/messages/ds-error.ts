import * as fc from 'fast-check';
import { opaqueV, struct, text, type ValueOf } from '../codec/index.js';
import { dsErrorCode } from './ds-error-code.js';

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

/** Human-readable UTF-8 without control characters (C0 but tab and newline, DEL, C1), at most 1024 bytes. */
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

/**
 * Makes any text fit DSError.message (profile §10): control characters
 * become U+FFFD and the UTF-8 is cut to 1024 bytes on a character boundary.
 * Endpoints pass DecodeError details (which may quote the bad input) through
 * this, so that reporting bad input can never fail to encode.
 *
 * @example
 * sanitizeErrorMessage('label "a\u0001b" ...') // 'label "a\uFFFDb" ...'
 */
export function sanitizeErrorMessage(text: string): string {
  const clean = text.replace(new RegExp(CONTROL.source, 'g'), '\uFFFD').replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\uFFFD');
  const encoder = new TextEncoder();
  if (encoder.encode(clean).length <= 1024) return clean;
  let out = '';
  let size = 0;
  for (const char of clean) {
    const bytes = encoder.encode(char).length;
    if (size + bytes > 1024) break;
    out += char;
    size += bytes;
  }
  return out;
}
