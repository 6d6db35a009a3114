/**
 * Decoding limits. All are checked before the bytes they govern are copied
 * or any structure sized from them is allocated.
 */
export interface DecodeLimits {
  /** Largest top-level input accepted. */
  readonly maxTotalBytes: number;
  /** Largest byte length of one vector or opaque field. */
  readonly maxVectorBytes: number;
  /** Most elements in one vector. */
  readonly maxVectorElements: number;
  /** Deepest nesting of structs, vectors, optionals and selects. */
  readonly maxDepth: number;
}

/**
 * Defaults: 16 MiB per message, 16 MiB per vector, 65,536 elements, depth 64.
 *
 * @example
 * decode(codec, bytes, { limits: { ...DEFAULT_LIMITS, maxTotalBytes: 1024 } })
 */
export const DEFAULT_LIMITS: DecodeLimits = {
  maxTotalBytes: 16 * 1024 * 1024,
  maxVectorBytes: 16 * 1024 * 1024,
  maxVectorElements: 65_536,
  maxDepth: 64,
};
