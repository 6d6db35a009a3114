import { builtModuleUrl, referenceTarget, type WorkerRecipe, type WorkerSetup } from '../conformance/index.js';
import { CATALOG } from '../../scenarios/index.js';
import { stringOption, type ParsedArgs } from './args.js';
import { plantedBug, TARGET_DOMAIN } from './catalog-target.js';

/**
 * The target of `run` as a worker thread rebuilds it (issue 13 §4): the
 * reference provider, or the planted bug of that exact name, on
 * {@link TARGET_DOMAIN}. Plain data, so it crosses threads.
 */
export interface CliTargetRecipe {
  readonly planted?: string;
}

/**
 * The {@link WorkerRecipe} export of `run --workers N`: builds the target
 * and hands the whole catalog, in which the worker finds the checks it is
 * given by id.
 *
 * @example
 * cliWorkerSetup({ planted: 'fans an application message out to its sender too' }).target.name
 */
export function cliWorkerSetup(recipe: CliTargetRecipe): WorkerSetup {
  const target = recipe.planted === undefined ? referenceTarget({ domain: TARGET_DOMAIN }) : plantedBug(recipe.planted).target(TARGET_DOMAIN);
  return { target, checks: CATALOG };
}

/**
 * The recipe for a run against the reference provider or one planted bug.
 *
 * @example
 * runCatalog({ target, checks, seed: 1, workers: 2, recipe: cliRecipe({}) })
 */
export function cliRecipe(recipe: CliTargetRecipe): WorkerRecipe {
  // From the sources (vitest), a worker loads this module's build: worker threads run plain Node.
  return { module: builtModuleUrl(new URL('./worker-target.js', import.meta.url).href), exportName: 'cliWorkerSetup', argument: recipe };
}

/**
 * The recipe argument of `run`'s own target: `--planted NAME` as the bug's exact name, else the reference provider.
 *
 * @example
 * plantedRecipe(parseArgs(['--planted', 'fans an application'], [])) // { planted: 'fans an application message out to its sender too' }
 */
export function plantedRecipe(args: ParsedArgs): CliTargetRecipe {
  return args.options.has('planted') ? { planted: plantedBug(stringOption(args, 'planted', '')).name } : {};
}
