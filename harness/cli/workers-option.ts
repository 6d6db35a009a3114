import { availableParallelism } from 'node:os';
import { RUNNING_FROM_SOURCE } from '../conformance/index.js';
import type { ParsedArgs } from './args.js';
import type { CatalogOverrides } from './catalog-target.js';
import { UsageError } from './io.js';

/** The most worker threads `run` starts (each loads the whole harness, ~100 MB). */
export const MAX_WORKERS = 64;

/**
 * `--workers N` of `run` (issue 13 §4): how many worker threads run the
 * checks. Default: the number of cores (`os.availableParallelism()`), but 1
 * where a worker could not rebuild the target — an external target (its peer
 * fronts are this process's listeners and its state is shared; docs/EXTERNAL.md),
 * a target or catalog given in-process (`runCli(argv, io, { target })`: a
 * Target holds functions) — and 1 when the harness runs from its TypeScript
 * sources (vitest), since worker threads run the build. Asking for more than
 * 1 where it cannot be had is a usage error, as is anything but an integer
 * from 1 to {@link MAX_WORKERS}.
 *
 * @example
 * workersOption(parseArgs(['--workers', '2'], []), {}, false) // 2
 */
export function workersOption(args: ParsedArgs, overrides: CatalogOverrides, external: boolean): number {
  const value = args.options.get('workers');
  const inProcessOnly = external ? 'an external target' : overrides.target !== undefined || overrides.checks !== undefined ? 'a target or catalog given in-process' : undefined;
  if (value === undefined) return inProcessOnly !== undefined || RUNNING_FROM_SOURCE ? 1 : availableParallelism();
  const workers = typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!(workers >= 1 && workers <= MAX_WORKERS)) throw new UsageError(`--workers is an integer from 1 to ${MAX_WORKERS} (default: the number of cores)`);
  if (workers > 1 && inProcessOnly !== undefined) throw new UsageError(`--workers ${workers}: ${inProcessOnly} runs in one thread (--workers 1)${external ? ': the harness peers are this process\'s loopback listeners, whose ports the target was given, and checks share the target\'s state (docs/EXTERNAL.md)' : ': a Target holds functions and cannot cross into a worker thread (give runCatalog a recipe instead)'}`);
  return workers;
}

/** Whether the options name an external target (docs/EXTERNAL.md). @example externalRequested(parseArgs(['--target-config', 'x.json'], [])) // true */
export function externalRequested(args: ParsedArgs): boolean {
  return ['target-config', 'target', 'target-ds', 'target-ca'].some((flag) => args.options.has(flag));
}
