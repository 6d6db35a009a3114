import * as fc from 'fast-check';
import type { Codec } from './codec.js';
import { fail, need, within } from './reader.js';

/**
 * `optional<T>`: a presence byte, 0 (absent) or 1 (present, then T)
 * (RFC 9420 §2.1.3). Any other presence byte is refused. Absent is `null`.
 *
 * @example
 * encode(optional(uint8), null) // [0]
 */
export function optional<T>(inner: Codec<T>): Codec<T | null> {
  return {
    describe: `optional<${inner.describe}>`,
    size: (value) => (value === null ? 1 : 1 + inner.size(value)),
    write(value, w, path) {
      w.bytes[w.pos++] = value === null ? 0 : 1;
      if (value !== null) inner.write(value, w, path);
    },
    read(r) {
      need(r, 1, 'optional presence byte');
      const flag = r.bytes[r.pos] ?? 0;
      if (flag > 1) fail(r, 'bad-optional-flag', `presence byte ${flag}, expected 0 or 1`);
      r.pos += 1;
      return flag === 0 ? null : within(r, null, () => inner.read(r), true);
    },
    toJson: (value) => (value === null ? null : inner.toJson(value)),
    fromJson: (json, path) => (json === null ? null : inner.fromJson(json, path)),
    arbitrary: () => fc.option(inner.arbitrary(), { nil: null }),
  };
}
