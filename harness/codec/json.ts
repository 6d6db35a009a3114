import { JsonShapeError } from './errors.js';

/** JSON values as produced by `Codec.toJson`. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * Lower-case hex of `bytes`.
 *
 * @example
 * toHex(Uint8Array.of(0x4a, 0x01)) // '4a01'
 */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}

/**
 * Parses hex (either case, even length, nothing else), or throws JsonShapeError.
 *
 * @example
 * fromHex('4a01', 'value') // Uint8Array [0x4a, 0x01]
 */
export function fromHex(hex: string, path: string): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new JsonShapeError(path, 'expected an even-length hex string');
  }
  const out = new Uint8Array(hex.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = Number.parseInt(hex.slice(2 * i, 2 * i + 2), 16);
  return out;
}

/**
 * Narrows `json` to a plain object, or throws JsonShapeError.
 *
 * @example
 * const o = expectObject(JSON.parse(text), 'DSRequest');
 */
export function expectObject(json: unknown, path: string): Record<string, unknown> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new JsonShapeError(path, 'expected an object');
  }
  return json as Record<string, unknown>;
}
