import type { Json } from '../json.js';
import { toHex } from '../json.js';

/**
 * A readable JSON view of a value decoded by ts-mls: bytes as hex, bigints
 * as decimal strings, absent optionals as null. For display only; the
 * embedded value's own bytes are what `fromJson` reads back.
 *
 * @example
 * plainJson({ epoch: 3n, groupId: Uint8Array.of(1) }) // { epoch: '3', groupId: '01' }
 */
export function plainJson(value: unknown): Json {
  if (value === undefined || value === null) return null;
  if (value instanceof Uint8Array) return toHex(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (Array.isArray(value)) return value.map(plainJson);
  if (typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const [key, item] of Object.entries(value)) out[key] = plainJson(item);
    return out;
  }
  return typeof value === 'symbol' ? value.toString() : null;
}
