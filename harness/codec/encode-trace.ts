import type { LengthPrefix } from './length-prefix.js';
import type { Writer } from './writer.js';

/** Where a length header was written, and the headers of the vectors around it. */
export interface LengthMark {
  readonly kind: 'length';
  readonly prefix: LengthPrefix;
  readonly pos: number;
  readonly size: number;
  readonly length: number;
  /** Indices (into `marks`) of the enclosing length headers, outermost first. */
  readonly parents: readonly number[];
}

/** Where an enum (or literal) value was written, and the numbers it allows. */
export interface EnumMark {
  readonly kind: 'enum';
  readonly pos: number;
  readonly width: number;
  readonly allowed: ReadonlySet<number>;
}

/**
 * A record of the structure of one encoding, for mutation tests that must
 * hit a length header or an enum exactly. Writers carry one only when asked.
 */
export interface EncodeTrace {
  readonly marks: (LengthMark | EnumMark)[];
  readonly open: number[];
}

/** A fresh, empty trace. @example const w = { ...createWriter(n), trace: createTrace() } */
export function createTrace(): EncodeTrace {
  return { marks: [], open: [] };
}

/** Records a length header about to be written at `w.pos`, and opens its vector. */
export function traceOpen(w: Writer, prefix: LengthPrefix, size: number, length: number): void {
  const trace = w.trace;
  if (trace === undefined) return;
  trace.marks.push({ kind: 'length', prefix, pos: w.pos, size, length, parents: [...trace.open] });
  trace.open.push(trace.marks.length - 1);
}

/** Closes the innermost open vector. */
export function traceClose(w: Writer): void {
  w.trace?.open.pop();
}

/** Records an enum value about to be written at `w.pos`. */
export function traceEnum(w: Writer, width: number, allowed: ReadonlySet<number>): void {
  w.trace?.marks.push({ kind: 'enum', pos: w.pos, width, allowed });
}
