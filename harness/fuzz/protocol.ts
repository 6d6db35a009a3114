/**
 * The decoder protocol (docs/FUZZING.md, docs/schemas/fuzz/answer.schema.json;
 * issue 12 §1). A target is one long-running process: for each input line
 * `<Struct> <hex>` it writes one answer line, in order:
 * `{"ok":true,"hex":"<its own re-encoding>"}`, `{"ok":false,"code":"<its error>"}`
 * or `{"ok":false}`.
 */
import { bytesOfHex } from './hex.js';

/** What a target answered to one input. `hex` is its re-encoding of the value it decoded. */
export type Answer = { readonly ok: true; readonly hex: string } | { readonly ok: false; readonly code?: string };

/**
 * The code a target answers for a struct it does not implement: the fuzzer
 * then stops sending that struct and lists it as unsupported, not as a finding.
 */
export const UNSUPPORTED_STRUCT = 'unsupported-struct';

/** The code for an input line that is not `<Struct> <hex>`. */
export const BAD_LINE = 'bad-line';

/**
 * The input line for `bytes` of `struct`, without the newline.
 *
 * @example
 * requestLine('DSError', '000400') // 'DSError 000400'
 */
export function requestLine(struct: string, hex: string): string {
  return `${struct} ${hex}`;
}

/**
 * Splits an input line into its struct name and bytes, or undefined when it
 * is not `<Struct> <hex>` (one space, an even-length hex string, possibly empty).
 *
 * @example
 * parseRequestLine('DSError 000400') // { struct: 'DSError', bytes: Uint8Array [0, 4, 0] }
 */
export function parseRequestLine(line: string): { struct: string; bytes: Uint8Array } | undefined {
  const text = line.endsWith('\r') ? line.slice(0, -1) : line;
  const space = text.indexOf(' ');
  if (space <= 0) return undefined;
  const bytes = bytesOfHex(text.slice(space + 1));
  return bytes === undefined ? undefined : { struct: text.slice(0, space), bytes };
}

/**
 * Reads one answer line, or undefined when the line is not an answer (the
 * fuzzer counts that as a crash: the target printed something else).
 *
 * @example
 * parseAnswerLine('{"ok":false,"code":"truncated"}') // { ok: false, code: 'truncated' }
 * parseAnswerLine('panic: index out of range')      // undefined
 */
export function parseAnswerLine(line: string): Answer | undefined {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch {
    return undefined;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  const record = json as Record<string, unknown>;
  if (record.ok === true) {
    return typeof record.hex === 'string' && bytesOfHex(record.hex) !== undefined ? { ok: true, hex: record.hex.toLowerCase() } : undefined;
  }
  if (record.ok !== false) return undefined;
  if (record.code === undefined) return { ok: false };
  return typeof record.code === 'string' ? { ok: false, code: record.code } : undefined;
}

/**
 * The answer as its line, without the newline.
 *
 * @example
 * answerLine({ ok: true, hex: '25' }) // '{"ok":true,"hex":"25"}'
 */
export function answerLine(answer: Answer): string {
  if (answer.ok) return `{"ok":true,"hex":"${answer.hex}"}`;
  return answer.code === undefined ? '{"ok":false}' : JSON.stringify({ ok: false, code: answer.code });
}
