import type { EncodeTrace } from './encode-trace.js';

/**
 * A writer over a buffer allocated once, at the size the encoder computed.
 */
export interface Writer {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  pos: number;
  /** Structure record for mutation tests; absent in normal encoding. */
  readonly trace?: EncodeTrace;
}

/**
 * A writer for exactly `size` bytes.
 *
 * @example
 * const w = createWriter(codec.size(value)); codec.write(value, w);
 */
export function createWriter(size: number, trace?: EncodeTrace): Writer {
  const bytes = new Uint8Array(size);
  const view = new DataView(bytes.buffer);
  return trace === undefined ? { bytes, view, pos: 0 } : { bytes, view, pos: 0, trace };
}

/**
 * Copies `data` at the current position.
 *
 * @example
 * put(w, Uint8Array.of(0xde, 0xad));
 */
export function put(w: Writer, data: Uint8Array): void {
  w.bytes.set(data, w.pos);
  w.pos += data.length;
}
