/**
 * The one way a decoder fails: a {@link DecodeError} with a code, the byte
 * offset into the top-level input, and the field path.
 */

/** Every reason a decoder can refuse its input. */
export const DecodeErrorCode = {
  /** Fewer bytes remain than the field needs. */
  truncated: 'truncated',
  /** An MLS variable-length header that is longer than needed (RFC 9420 §2.1.2). */
  nonMinimalLength: 'non-minimal-length',
  /** An MLS variable-length header with the reserved prefix 0b11 (RFC 9420 §2.1.2). */
  invalidLengthPrefix: 'invalid-length-prefix',
  /** A vector claims more bytes than the input holds. */
  lengthExceedsInput: 'length-exceeds-input',
  /** An enum value outside its closed value set. */
  unknownEnum: 'unknown-enum',
  /** An `optional<T>` presence byte other than 0 or 1 (RFC 9420 §2.1.3). */
  badOptionalFlag: 'bad-optional-flag',
  /** Bytes left over after the top-level value. */
  trailingBytes: 'trailing-bytes',
  /** Input, vector or element count above a configured limit or declared range. */
  tooLarge: 'too-large',
  /** Nesting deeper than the configured limit. */
  tooDeep: 'too-deep',
  /** Syntactically readable, but not a value the profile allows. */
  invalidValue: 'invalid-value',
} as const;
export type DecodeErrorCode = (typeof DecodeErrorCode)[keyof typeof DecodeErrorCode];

/**
 * A refused decoding.
 *
 * @example
 * try { decode(uint16, Uint8Array.of(1)); }
 * catch (e) { if (e instanceof DecodeError) console.log(e.code, e.offset, e.path); }
 */
export class DecodeError extends Error {
  override readonly name = 'DecodeError';
  constructor(
    readonly code: DecodeErrorCode,
    readonly offset: number,
    readonly path: string,
    readonly detail: string,
  ) {
    super(`${code} at offset ${offset} (${path || '<root>'}): ${detail}`);
  }

  /** The machine-readable part, as printed by `mimi-harness decode`. */
  toJSON(): { code: DecodeErrorCode; offset: number; path: string; detail: string } {
    return { code: this.code, offset: this.offset, path: this.path, detail: this.detail };
  }
}

/**
 * A value that cannot be encoded (a vector too long for its header, an
 * identifier that breaks the profile's rules, ...). Encoders never write
 * bytes a strict decoder would refuse.
 *
 * @example
 * try { encode(uint8, 300); } catch (e) { if (e instanceof EncodeError) console.log(e.path); }
 */
export class EncodeError extends Error {
  override readonly name = 'EncodeError';
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`cannot encode ${path || '<root>'}: ${detail}`);
  }
}

/**
 * A JSON document that does not have the shape of the struct it should
 * describe (used by `mimi-harness encode`).
 *
 * @example
 * try { uint8.fromJson('x', 'v'); } catch (e) { if (e instanceof JsonShapeError) console.log(e.path); }
 */
export class JsonShapeError extends Error {
  override readonly name = 'JsonShapeError';
  constructor(
    readonly path: string,
    readonly detail: string,
  ) {
    super(`bad JSON at ${path || '<root>'}: ${detail}`);
  }
}
