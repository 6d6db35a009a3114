import * as fc from 'fast-check';
import type { Codec } from './codec.js';
import { EncodeError, JsonShapeError } from './errors.js';
import { describePrefix, prefixSize, rangePrefix, readPrefix, VARIABLE, writePrefix, type LengthPrefix } from './length-prefix.js';
import { fail, indexSegment, nestDeeper, region } from './reader.js';
import { traceClose, traceOpen } from './encode-trace.js';

/** Options for generated vectors. */
export interface VectorArbitraryOptions {
  readonly maxElements?: number;
}

function vectorWith<T>(element: Codec<T>, prefix: LengthPrefix, options: VectorArbitraryOptions): Codec<T[]> {
  const describe = `${element.describe} ${describePrefix(prefix)}`;
  const contentSize = (value: readonly T[]): number => value.reduce((sum, item) => sum + element.size(item), 0);
  return {
    describe,
    size(value) {
      const content = contentSize(value);
      return prefixSize(prefix, content) + content;
    },
    write(value, w, path) {
      if (!Array.isArray(value)) throw new EncodeError(path, 'expected an array');
      const content = contentSize(value);
      traceOpen(w, prefix, prefixSize(prefix, content, path), content);
      writePrefix(w, prefix, content, path);
      value.forEach((item, i) => {
        element.write(item, w, `${path}[${i}]`);
      });
      traceClose(w);
    },
    read(r) {
      const length = readPrefix(r, prefix);
      const items: T[] = [];
      region(r, length, () => {
        while (r.pos < r.end) {
          if (items.length >= r.limits.maxVectorElements) {
            fail(r, 'too-large', `more than ${r.limits.maxVectorElements} elements`);
          }
          const start = r.pos;
          // Inlined within(r, '[i]', ..., true): no closure or string per element.
          r.path.push(indexSegment(items.length));
          nestDeeper(r);
          try {
            const value = element.read(r);
            // A zero-size element would never reach the end: the tls_codec loop bug.
            if (r.pos === start) fail(r, 'invalid-value', 'vector element of zero size', start);
            items.push(value);
          } finally {
            r.depth -= 1;
            r.path.pop();
          }
        }
      });
      return items;
    },
    toJson: (value) => value.map((item) => element.toJson(item)),
    fromJson(json, path) {
      if (!Array.isArray(json)) throw new JsonShapeError(path, 'expected an array');
      return json.map((item, i) => element.fromJson(item, `${path}[${i}]`));
    },
    arbitrary: () => {
      const items = fc.array(element.arbitrary(), { maxLength: options.maxElements ?? 4 });
      if (prefix.kind === 'varint') return items;
      const { min, max } = prefix;
      return items.filter((value) => {
        const size = contentSize(value);
        return size >= min && size <= max;
      });
    },
  };
}

/**
 * `T items<V>`: elements behind an MLS variable-length byte length.
 *
 * @example
 * const keyPackages = vectorV(keyPackageCodec);
 */
export function vectorV<T>(element: Codec<T>, options: VectorArbitraryOptions = {}): Codec<T[]> {
  return vectorWith(element, VARIABLE, options);
}

/**
 * `T items<min..max>`, the range counted in bytes (RFC 8446 §3.4).
 *
 * @example
 * const suites = vectorRange(uint16, 2, 2 ** 16 - 2);
 */
export function vectorRange<T>(element: Codec<T>, min: number, max: number, options: VectorArbitraryOptions = {}): Codec<T[]> {
  return vectorWith(element, rangePrefix(min, max), options);
}
