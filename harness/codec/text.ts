import type * as fc from 'fast-check';
import type { Codec } from './codec.js';
import { EncodeError, JsonShapeError } from './errors.js';
import { fail } from './reader.js';

/** Returns a reason when `text` breaks the rules, else undefined. */
export type TextRule = (text: string) => string | undefined;

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const encoder = new TextEncoder();
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/**
 * Text carried in an opaque field: strict UTF-8 on the wire, checked against
 * `rule` when decoding, encoding and reading JSON. The JSON form is the string.
 *
 * @example
 * const fqdn = text('FQDN', opaqueV, fqdnRule, fqdnArbitrary);
 */
export function text(name: string, bytes: Codec<Uint8Array>, rule: TextRule, arbitrary: () => fc.Arbitrary<string>): Codec<string> {
  // Lone surrogates would silently become U+FFFD in UTF-8, so the text would not round-trip.
  const check = (value: string): string | undefined => (LONE_SURROGATE.test(value) ? 'contains a lone UTF-16 surrogate' : rule(value));
  return {
    describe: `${name} (${bytes.describe})`,
    size: (value) => bytes.size(encoder.encode(value)),
    write(value, w, path) {
      if (typeof value !== 'string') throw new EncodeError(path, 'expected a string');
      const problem = check(value);
      if (problem !== undefined) throw new EncodeError(path, `invalid ${name}: ${problem}`);
      bytes.write(encoder.encode(value), w, path);
    },
    read(r) {
      const start = r.pos;
      const raw = bytes.read(r);
      let value: string;
      try {
        value = utf8.decode(raw);
      } catch {
        fail(r, 'invalid-value', `${name} is not valid UTF-8`, start);
      }
      // A fatal UTF-8 decoder never yields a lone surrogate (RFC 3629 §3: D800-DFFF are not encodable), so only the rule is left.
      const problem = rule(value);
      if (problem !== undefined) fail(r, 'invalid-value', `invalid ${name}: ${problem}`, start);
      return value;
    },
    toJson: (value) => value,
    fromJson(json, path) {
      if (typeof json !== 'string') throw new JsonShapeError(path, 'expected a string');
      const problem = check(json);
      if (problem !== undefined) throw new JsonShapeError(path, `invalid ${name}: ${problem}`);
      return json;
    },
    arbitrary: () => arbitrary().filter((value) => check(value) === undefined),
  };
}
