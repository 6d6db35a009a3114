import type { Codec } from './codec.js';
import { EncodeError, JsonShapeError } from './errors.js';
import { fail } from './reader.js';

/**
 * A codec whose values must also satisfy `rule` (a reason when they do not).
 * Decoding refuses with `invalid-value` at the value's offset, encoding with
 * EncodeError, JSON with JsonShapeError; generated values are filtered.
 *
 * @example
 * const nonEmpty = refine(opaqueV, 'non-empty', (b) => (b.length === 0 ? 'empty' : undefined));
 */
export function refine<T>(inner: Codec<T>, name: string, rule: (value: T) => string | undefined): Codec<T> {
  return {
    describe: `${inner.describe} (${name})`,
    size: (value) => inner.size(value),
    write(value, w, path) {
      const problem = rule(value);
      if (problem !== undefined) throw new EncodeError(path, problem);
      inner.write(value, w, path);
    },
    read(r) {
      const start = r.pos;
      const value = inner.read(r);
      const problem = rule(value);
      if (problem !== undefined) fail(r, 'invalid-value', problem, start);
      return value;
    },
    toJson: (value) => inner.toJson(value),
    fromJson(json, path) {
      const value = inner.fromJson(json, path);
      const problem = rule(value);
      if (problem !== undefined) throw new JsonShapeError(path, problem);
      return value;
    },
    arbitrary: () => inner.arbitrary().filter((value) => rule(value) === undefined),
  };
}
