import { opaqueV, varint, type Codec } from '../codec/index.js';
import { REGISTRY } from '../messages/index.js';

const PRIMITIVES: readonly (readonly [string, Codec<unknown>])[] = [
  ['varint', varint],
  ['opaque<V>', opaqueV],
];

const BY_NAME: ReadonlyMap<string, Codec<unknown>> = new Map([...REGISTRY.map((entry) => [entry.name, entry.codec] as const), ...PRIMITIVES]);

/**
 * Every struct name the decoder protocol carries: the registry's wire structs
 * (harness/messages/registry.ts) and the two primitives `varint` and `opaque<V>`.
 *
 * @example
 * protocolStructNames().includes('DSRequest') // true
 */
export function protocolStructNames(): string[] {
  return [...BY_NAME.keys()];
}

/**
 * The harness's codec for a protocol struct name, or undefined.
 *
 * @example
 * protocolCodec('DSError')?.describe
 */
export function protocolCodec(name: string): Codec<unknown> | undefined {
  return BY_NAME.get(name);
}
