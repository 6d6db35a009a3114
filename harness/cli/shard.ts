import type { Check } from '../conformance/index.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './io.js';

/** One of n shards of a run (issue 11 §1: `--shard i/n`, i from 1 to n). */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * `--shard i/n`, or undefined without it; anything else is a usage error.
 *
 * @example
 * shardOption(parseArgs(['--shard', '2/3'], [])) // { index: 2, count: 3 }
 */
export function shardOption(args: ParsedArgs): Shard | undefined {
  const value = args.options.get('shard');
  if (value === undefined) return undefined;
  const match = typeof value === 'string' ? /^(\d+)\/(\d+)$/.exec(value) : null;
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) throw new UsageError('--shard is i/n with 1 ≤ i ≤ n (e.g. --shard 2/3)');
  return { index, count };
}

/**
 * The checks of one shard: those whose position in the selected checks (in
 * catalog order, counted from 0) is `index - 1` modulo `count`. For any n,
 * every check is in exactly one shard, and the shards are balanced to within one.
 *
 * @example
 * shardChecks(CATALOG, { index: 1, count: 2 }) // CATALOG[0], CATALOG[2], …
 */
export function shardChecks(checks: readonly Check[], shard: Shard | undefined): readonly Check[] {
  if (shard === undefined) return checks;
  return checks.filter((_, position) => position % shard.count === shard.index - 1);
}
