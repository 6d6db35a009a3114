import { DecodeError, type DecodeErrorCode } from './errors.js';
import type { DecodeLimits } from './limits.js';
import { formatPath, type PathSegment } from './path.js';

/**
 * Decoding state: the whole input, the position, the end of the innermost
 * enclosing vector, the field path and the nesting depth. Offsets in errors
 * are always absolute positions in `bytes`.
 */
export interface Reader {
  readonly bytes: Uint8Array;
  pos: number;
  /** Exclusive end of the region being read (the enclosing vector, or the input). */
  end: number;
  readonly path: PathSegment[];
  depth: number;
  readonly limits: DecodeLimits;
}

/**
 * A reader over the whole of `bytes`.
 *
 * @example
 * const r = createReader(Uint8Array.of(1, 2), DEFAULT_LIMITS, ['Demo']);
 */
export function createReader(bytes: Uint8Array, limits: DecodeLimits, path: PathSegment[] = []): Reader {
  return { bytes, pos: 0, end: bytes.length, path, depth: 0, limits };
}

/**
 * Raises a DecodeError at `offset` (default: the current position) with the
 * reader's current path.
 *
 * @example
 * if (flag > 1) fail(r, 'bad-optional-flag', `presence byte ${flag}`, start);
 */
export function fail(r: Reader, code: DecodeErrorCode, detail: string, offset: number = r.pos): never {
  throw new DecodeError(code, offset, formatPath(r.path), detail);
}

/**
 * Checks that `n` more bytes are available in the current region.
 *
 * @example
 * need(r, 2, 'uint16');
 */
export function need(r: Reader, n: number, what: string): void {
  if (r.end - r.pos < n) fail(r, 'truncated', `${what} needs ${n} bytes, ${r.end - r.pos} remain`);
}

/**
 * Runs `body` one level deeper in the field path (unless `segment` is null)
 * and, if `nests`, one level deeper in nesting depth.
 *
 * @example
 * const v = within(r, 'version', () => uint16.read(r));
 */
export function within<T>(r: Reader, segment: PathSegment | null, body: () => T, nests = false): T {
  if (segment !== null) r.path.push(segment);
  if (nests) {
    r.depth += 1;
    if (r.depth > r.limits.maxDepth) fail(r, 'too-deep', `nesting deeper than ${r.limits.maxDepth}`);
  }
  try {
    return body();
  } finally {
    if (segment !== null) r.path.pop();
    if (nests) r.depth -= 1;
  }
}

/**
 * One level deeper in nesting depth, refused past `maxDepth`: {@link within}'s
 * `nests` for the hot paths (struct, vector element), which pair it with
 * `r.depth -= 1` in a `finally` instead of allocating a closure per value.
 *
 * @example
 * nestDeeper(r);
 * try { readFields(fields, r, value); } finally { r.depth -= 1; }
 */
export function nestDeeper(r: Reader): void {
  r.depth += 1;
  if (r.depth > r.limits.maxDepth) fail(r, 'too-deep', `nesting deeper than ${r.limits.maxDepth}`);
}

const INDEX_SEGMENTS: string[] = [];

/**
 * The path segment `[n]`, kept for small `n` so that reading a vector does
 * not format one string per element.
 *
 * @example
 * indexSegment(2) // '[2]'
 */
export function indexSegment(n: number): string {
  if (n >= 4096) return `[${n}]`;
  return (INDEX_SEGMENTS[n] ??= `[${n}]`);
}

/**
 * Reads `body` inside a region of `length` bytes that starts at the current
 * position; the body must consume the region exactly.
 *
 * @example
 * const items = region(r, len, () => readItems(r));
 */
export function region<T>(r: Reader, length: number, body: () => T): T {
  const outerEnd = r.end;
  const start = r.pos;
  r.end = start + length;
  try {
    const value = body();
    if (r.pos !== r.end) {
      fail(r, 'invalid-value', `content ends ${r.end - r.pos} bytes before the end of its ${length}-byte vector`);
    }
    return value;
  } finally {
    r.end = outerEnd;
  }
}

/**
 * Returns a view (no copy) of the next `n` bytes and advances past them.
 *
 * @example
 * const raw = take(r, 32, 'opaque[32]');
 */
export function take(r: Reader, n: number, what: string): Uint8Array {
  need(r, n, what);
  const view = r.bytes.subarray(r.pos, r.pos + n);
  r.pos += n;
  return view;
}
