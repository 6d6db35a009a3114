import * as fc from 'fast-check';
import type { Codec } from './codec.js';
import { EncodeError, JsonShapeError } from './errors.js';
import { fail } from './reader.js';
import { traceEnum } from './encode-trace.js';

/**
 * `enum { a(0), b(1) } Name;` with a closed value set (RFC 8446 §3.5): a
 * value outside the set is refused with `unknown-enum`. Values are the
 * names; the wire carries the numbers in `base` (uint8 unless stated).
 *
 * @example
 * const authType = enumeration('DSAuthType', uint8, { anonymous: 0, client_signature: 1 });
 */
export function enumeration<const E extends Record<string, number>>(name: string, base: Codec<number>, values: E): Codec<keyof E & string> {
  type Name = keyof E & string;
  const byNumber = new Map<number, Name>();
  for (const [key, value] of Object.entries(values)) byNumber.set(value, key);
  const names = [...byNumber.values()];
  const allowed: ReadonlySet<number> = new Set(byNumber.keys());
  return {
    describe: `enum ${name}`,
    size: () => base.size(0),
    write(value, w, path) {
      const number = values[value];
      if (number === undefined) throw new EncodeError(path, `${value} is not a ${name}`);
      traceEnum(w, base.size(number), allowed);
      base.write(number, w, path);
    },
    read(r) {
      const start = r.pos;
      const number = base.read(r);
      const found = byNumber.get(number);
      if (found === undefined) fail(r, 'unknown-enum', `${number} is not a ${name}`, start);
      return found;
    },
    toJson: (value) => value,
    fromJson(json, path) {
      if (typeof json !== 'string' || !(json in values)) throw new JsonShapeError(path, `expected one of ${names.join(', ')}`);
      return json;
    },
    arbitrary: () => fc.constantFrom(...names),
  };
}

/**
 * A field that must hold one fixed number, such as `DSProtocolVersion` = 1.
 * Any other value is `unknown-enum`.
 *
 * @example
 * const version = literal('DSProtocolVersion', uint16, 1);
 */
export function literal<const V extends number>(name: string, base: Codec<number>, expected: V): Codec<V> {
  const allowedValues: ReadonlySet<number> = new Set([expected]);
  return {
    describe: `${name} (= ${expected})`,
    size: () => base.size(expected),
    write(value, w, path) {
      if (value !== expected) throw new EncodeError(path, `${name} must be ${expected}`);
      traceEnum(w, base.size(value), allowedValues);
      base.write(value, w, path);
    },
    read(r) {
      const start = r.pos;
      const value = base.read(r);
      if (value !== expected) fail(r, 'unknown-enum', `${name} ${value} is not supported (expected ${expected})`, start);
      return expected;
    },
    toJson: (value) => value,
    fromJson(json, path) {
      if (json !== expected) throw new JsonShapeError(path, `expected ${expected}`);
      return expected;
    },
    arbitrary: () => fc.constant(expected),
  };
}
