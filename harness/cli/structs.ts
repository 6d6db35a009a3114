import { opaqueV, varint, type Codec } from '../codec/index.js';
import { REGISTRY } from '../messages/index.js';
import { UsageError } from './io.js';

const PRIMITIVES: Record<string, Codec<unknown>> = { varint, 'opaque<V>': opaqueV };

/** Every name `decode` and `encode` accept. @example structNames().includes('DSRequest') */
export function structNames(): string[] {
  return [...REGISTRY.map((entry) => entry.name), ...Object.keys(PRIMITIVES)];
}

/**
 * The codec for a struct or primitive name, or a UsageError listing the names.
 *
 * @example
 * codecNamed('DSRequest')
 */
export function codecNamed(name: string): Codec<unknown> {
  const codec = REGISTRY.find((entry) => entry.name === name)?.codec ?? PRIMITIVES[name];
  if (codec === undefined) throw new UsageError(`unknown struct "${name}"; known: ${structNames().join(', ')}`);
  return codec;
}
