import * as fc from 'fast-check';
import { encode } from '../codec/index.js';
import { protocolCodec } from './structs.js';
import type { TargetInput } from './target.js';

/**
 * A valid value of `struct` (the first its arbitrary draws with `seed`), the
 * input a spawned target answers first after every start.
 *
 * @example
 * warmupInput('DSError', 1) // { struct: 'DSError', bytes: Uint8Array [...] }
 */
export function warmupInput(struct: string, seed: number): TargetInput {
  const codec = protocolCodec(struct);
  if (codec === undefined) return { struct: 'varint', bytes: Uint8Array.of(0) };
  const [value] = fc.sample(codec.arbitrary(), { seed, numRuns: 1 });
  return { struct, bytes: encode(codec, value, struct) };
}
