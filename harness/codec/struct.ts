import * as fc from 'fast-check';
import type { Codec, ValueOf } from './codec.js';
import { EncodeError, JsonShapeError } from './errors.js';
import type { Json } from './json.js';
import { expectObject } from './json.js';
import { childPath } from './path.js';
import { nestDeeper, type Reader } from './reader.js';
import type { Writer } from './writer.js';

/** Field codecs of a struct, in wire order. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Fields = Record<string, Codec<any>>;

/** Flattens intersections so that hover types stay readable. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** The value of a struct with these fields. */
export type StructValue<F extends Fields> = Simplify<{ [K in keyof F]: ValueOf<F[K]> }>;

/** Size of the fields of `value`, in order. Shared by `struct` and `select`. */
export function fieldsSize<F extends Fields>(fields: F, value: StructValue<F>): number {
  let size = 0;
  for (const name of Object.keys(fields)) size += (fields[name] as Codec<unknown>).size((value as Record<string, unknown>)[name]);
  return size;
}

/** Writes the fields of `value`, in order. */
export function writeFields<F extends Fields>(fields: F, value: StructValue<F>, w: Writer, path: string): void {
  if (typeof value !== 'object' || value === null) throw new EncodeError(path, 'expected an object');
  for (const name of Object.keys(fields)) {
    (fields[name] as Codec<unknown>).write((value as Record<string, unknown>)[name], w, childPath(path, name));
  }
}

/** Reads the fields, each under its own name in the path, into `target`. */
export function readFields(fields: Fields, r: Reader, target: Record<string, unknown>): void {
  // Inlined within(r, name, ...): no closure per field (the decoder's hottest loop; see docs/FUZZING.md §4).
  for (const name in fields) {
    r.path.push(name);
    try {
      target[name] = (fields[name] as Codec<unknown>).read(r);
    } finally {
      r.path.pop();
    }
  }
}

/** JSON of the fields of `value`. */
export function fieldsToJson(fields: Fields, value: unknown, target: Record<string, Json>): void {
  for (const name of Object.keys(fields)) {
    target[name] = (fields[name] as Codec<unknown>).toJson((value as Record<string, unknown>)[name]);
  }
}

/** Reads the fields from a JSON object; `extra` names keys allowed besides the fields. */
export function fieldsFromJson(fields: Fields, json: unknown, path: string, extra: readonly string[] = []): Record<string, unknown> {
  const object = expectObject(json, path);
  for (const key of Object.keys(object)) {
    if (!(key in fields) && !extra.includes(key)) throw new JsonShapeError(childPath(path, key), 'unknown field');
  }
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(fields)) {
    if (!(name in object)) throw new JsonShapeError(childPath(path, name), 'missing field');
    out[name] = (fields[name] as Codec<unknown>).fromJson(object[name], childPath(path, name));
  }
  return out;
}

/** Generates values of the fields. */
export function fieldsArbitrary<F extends Fields>(fields: F): fc.Arbitrary<StructValue<F>> {
  const record: Record<string, fc.Arbitrary<unknown>> = {};
  for (const name of Object.keys(fields)) record[name] = (fields[name] as Codec<unknown>).arbitrary();
  return fc.record(record) as unknown as fc.Arbitrary<StructValue<F>>;
}

/**
 * `struct { ... } Name;`: fields encoded one after another in declaration
 * order (RFC 8446 §3.6).
 *
 * @example
 * const partialGroupInfo = struct('PartialGroupInfo', { group_info_extensions: vectorV(extension), signature: opaqueV });
 */
export function struct<F extends Fields>(name: string, fields: F): Codec<StructValue<F>> {
  return {
    describe: `struct ${name}`,
    size: (value) => fieldsSize(fields, value),
    write: (value, w, path) => {
      writeFields(fields, value, w, path);
    },
    read(r) {
      const value: Record<string, unknown> = {};
      nestDeeper(r);
      try {
        readFields(fields, r, value);
      } finally {
        r.depth -= 1;
      }
      return value as StructValue<F>;
    },
    toJson(value) {
      const out: Record<string, Json> = {};
      fieldsToJson(fields, value, out);
      return out;
    },
    fromJson: (json, path) => fieldsFromJson(fields, json, path) as StructValue<F>,
    arbitrary: () => fieldsArbitrary(fields),
  };
}
