import * as fc from 'fast-check';
import type { Codec } from './codec.js';
import { EncodeError, JsonShapeError } from './errors.js';
import type { Json } from './json.js';
import { expectObject } from './json.js';
import { childPath } from './path.js';
import { within } from './reader.js';
import { fieldsArbitrary, fieldsFromJson, fieldsSize, fieldsToJson, readFields, writeFields, type Fields, type Simplify, type StructValue } from './struct.js';

/** The value of a select: the tag plus the fields of the chosen case. */
export type SelectValue<Tag extends string, C extends Record<string, Fields>> = {
  [K in keyof C & string]: Simplify<{ [T in Tag]: K } & StructValue<C[K]>>;
}[keyof C & string];

/**
 * A struct whose tail depends on a discriminant (RFC 8446 §3.8):
 * `Type tag; select (tag) { case a: ...; case b: ...; }`. The value carries
 * the tag under `tagName` and the fields of its case beside it; a case with
 * `struct {}` has no fields.
 *
 * @example
 * const authData = select('DSAuthData', 'auth_type', authType, {
 *   anonymous: {},
 *   client_signature: { sender_index: uint32, signature: opaqueRange(0, 255) },
 * });
 */
export function select<const Tag extends string, K extends string, C extends Record<K, Fields>>(
  name: string,
  tagName: Tag,
  tag: Codec<K>,
  cases: C,
): Codec<SelectValue<Tag, C>> {
  type V = SelectValue<Tag, C>;
  const caseOf = (value: V, path: string): Fields => {
    const key = (value as Record<string, unknown>)[tagName] as K;
    const fields = (cases as Record<string, Fields | undefined>)[key];
    if (fields === undefined) throw new EncodeError(childPath(path, tagName), `${key} is not a case of ${name}`);
    return fields;
  };
  return {
    describe: `struct ${name}`,
    size: (value) => tag.size((value as Record<string, K>)[tagName] as K) + fieldsSize(caseOf(value, ''), value as never),
    write(value, w, path) {
      const fields = caseOf(value, path);
      tag.write((value as Record<string, K>)[tagName] as K, w, childPath(path, tagName));
      writeFields(fields, value as never, w, path);
    },
    read(r) {
      return within(r, null, () => {
        const key = within(r, tagName, () => tag.read(r));
        const value: Record<string, unknown> = { [tagName]: key };
        readFields(cases[key], r, value);
        return value as V;
      }, true);
    },
    toJson(value) {
      const out: Record<string, Json> = { [tagName]: (value as Record<string, string>)[tagName] ?? null };
      fieldsToJson(caseOf(value, ''), value, out);
      return out;
    },
    fromJson(json, path) {
      const object = expectObject(json, path);
      const key = tag.fromJson(object[tagName], childPath(path, tagName));
      const fields = (cases as Record<string, Fields | undefined>)[key];
      if (fields === undefined) throw new JsonShapeError(childPath(path, tagName), `not a case of ${name}`);
      return { [tagName]: key, ...fieldsFromJson(fields, object, path, [tagName]) } as V;
    },
    arbitrary: () =>
      fc.oneof(
        ...Object.keys(cases).map((key) =>
          fieldsArbitrary((cases as Record<string, Fields>)[key] as Fields).map((fields) => ({ [tagName]: key, ...fields }) as V),
        ),
      ),
  };
}
