/**
 * Rewrites one vector of an encoding (its content, the size of its length
 * header) and fixes the length headers of every vector around it, so that
 * the only thing wrong with the result is what the mutation meant.
 */
import { headerBytes, splice, VARIABLE, VARINT_MAX, varintSize, type EncodeTrace, type LengthMark } from '../codec/index.js';

function header(mark: LengthMark, length: number, size?: 1 | 2 | 4): Uint8Array | null {
  if (length < 0) return null;
  if (mark.prefix.kind === 'varint') {
    if (length > VARINT_MAX) return null;
    const minimal = varintSize(length);
    const width = size === undefined || size < minimal ? minimal : size;
    return headerBytes(VARIABLE, length, width);
  }
  if (length >= 2 ** (8 * mark.prefix.width)) return null;
  return headerBytes(mark.prefix, length, mark.prefix.width);
}

/** The length marks of a trace, by their index in it. */
export function lengthMarksOf(trace: EncodeTrace): { index: number; mark: LengthMark }[] {
  const out: { index: number; mark: LengthMark }[] = [];
  trace.marks.forEach((mark, index) => {
    if (mark.kind === 'length') out.push({ index, mark });
  });
  return out;
}

/**
 * `bytes` with the vector at `trace.marks[index]` given `content` (default:
 * unchanged) and a header of `size` bytes (default: minimal; for a
 * `<min..max>` vector always its width), every enclosing header rewritten
 * minimally for the new lengths. Null when a length does not fit its header.
 *
 * @example
 * rewriteVector(bytes, trace, 0, new Uint8Array(64)) // the first vector now holds 64 zero bytes
 * rewriteVector(bytes, trace, 0, undefined, 4)       // the same value with a non-minimal 4-byte header
 */
export function rewriteVector(bytes: Uint8Array, trace: EncodeTrace, index: number, content?: Uint8Array, size?: 1 | 2 | 4): Uint8Array | null {
  const mark = trace.marks[index];
  if (mark?.kind !== 'length') return null;
  const start = mark.pos + mark.size;
  const body = content ?? bytes.subarray(start, start + mark.length);
  const head = header(mark, body.length, size);
  if (head === null) return null;
  let out = splice(bytes, start, mark.length, body);
  out = splice(out, mark.pos, mark.size, head);
  let delta = head.length - mark.size + body.length - mark.length;
  // Parents are listed outermost first and all start before this header: rewrite them innermost first.
  for (let i = mark.parents.length - 1; i >= 0; i--) {
    const parent = trace.marks[mark.parents[i] ?? -1];
    if (parent?.kind !== 'length') return null;
    const parentHead = header(parent, parent.length + delta);
    if (parentHead === null) return null;
    out = splice(out, parent.pos, parent.size, parentHead);
    delta += parentHead.length - parent.size;
  }
  return out;
}

/**
 * `bytes` with `insert` put at `at` inside the vector at `trace.marks[index]`
 * (an offset into its content), its header and every enclosing one fixed.
 *
 * @example
 * insertIntoVector(bytes, trace, 0, 0, Uint8Array.of(0)) // an empty element first
 */
export function insertIntoVector(bytes: Uint8Array, trace: EncodeTrace, index: number, at: number, insert: Uint8Array): Uint8Array | null {
  const mark = trace.marks[index];
  if (mark?.kind !== 'length') return null;
  const start = mark.pos + mark.size;
  const old = bytes.subarray(start, start + mark.length);
  const offset = Math.min(at, old.length);
  const content = new Uint8Array(old.length + insert.length);
  content.set(old.subarray(0, offset), 0);
  content.set(insert, offset);
  content.set(old.subarray(offset), offset + insert.length);
  return rewriteVector(bytes, trace, index, content);
}

/** Exported for the mutations: a copy of `bytes` with `remove` bytes at `at` replaced by `insert`. @example spliceBytes(b, 0, 1, Uint8Array.of(9)) */
export const spliceBytes = splice;
