import { referenceTarget, type Check, type Target } from '../conformance/index.js';
import { CATALOG, CATEGORIES, PLANTED, type PlantedBug } from '../../scenarios/index.js';
import { stringOption, type ParsedArgs } from './args.js';
import { UsageError } from './io.js';

/** The domain a target runs on in `run` and `replay` (its DS is `ds.target.test`). */
export const TARGET_DOMAIN = 'target.test';

/**
 * What `run` and `replay` run against and with, when a caller (a test, a
 * program embedding the CLI) does not want the reference provider and the
 * whole catalog: `runCli(argv, io, { target, checks })`.
 */
export interface CatalogOverrides {
  readonly target?: Target;
  readonly checks?: readonly Check[];
  readonly categories?: readonly string[];
}

/** The checks and category order in use. @example catalogOf({}).checks.length // the whole catalog */
export function catalogOf(overrides: CatalogOverrides): { checks: readonly Check[]; categories: readonly string[] } {
  return { checks: overrides.checks ?? CATALOG, categories: overrides.categories ?? Object.keys(CATEGORIES) };
}

/** The one planted bug whose name contains `query` (case-insensitive; an exact name wins), or a usage error listing them. */
export function plantedBug(query: string): PlantedBug {
  const lower = query.toLowerCase();
  const exact = PLANTED.find((bug) => bug.name.toLowerCase() === lower);
  if (exact !== undefined) return exact;
  const matches = PLANTED.filter((bug) => bug.name.toLowerCase().includes(lower));
  if (matches.length === 1 && matches[0] !== undefined) return matches[0];
  const names = PLANTED.map((bug) => `  ${bug.name}`).join('\n');
  throw new UsageError(`--planted "${query}" matches ${matches.length === 0 ? 'no' : `${matches.length}`} planted bugs; they are:\n${names}`);
}

/**
 * The target of a command: the override, else a planted-bug variant of the
 * reference provider (`--planted NAME`), else the reference provider itself;
 * and the suffix that replay commands need to reach the same target.
 *
 * @example
 * const { target, replaySuffix } = targetOf(args, {});
 */
export function targetOf(args: ParsedArgs, overrides: CatalogOverrides): { target: Target; replaySuffix: string } {
  const planted = args.options.get('planted');
  if (planted === undefined) return { target: overrides.target ?? referenceTarget({ domain: TARGET_DOMAIN }), replaySuffix: '' };
  if (overrides.target !== undefined) throw new UsageError('--planted cannot be combined with a given target');
  const bug = plantedBug(stringOption(args, 'planted', ''));
  return { target: bug.target(TARGET_DOMAIN), replaySuffix: ` --planted ${JSON.stringify(bug.name)}` };
}
