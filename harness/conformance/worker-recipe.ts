import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Check } from './check.js';
import type { Target } from './target.js';

/**
 * How a worker thread rebuilds the target and the checks of a run (issue 13
 * §4). A {@link Target} holds functions, so it cannot be posted to another
 * thread; a recipe can: a module the worker imports, the name of the export
 * it calls, and a structured-cloneable argument for it. The export returns
 * (or resolves to) a {@link WorkerSetup}; the worker builds it once and runs
 * the checks it is handed by id.
 *
 * @example
 * const recipe: WorkerRecipe = { module: new URL('./my-target.js', import.meta.url).href, exportName: 'harnessSetup', argument: { domain: 'target.test' } };
 */
export interface WorkerRecipe {
  /** A specifier `import()` resolves from inside the worker: best a `file:` URL or a package name. */
  readonly module: string;
  /** The export to call: `(argument) => WorkerSetup | Promise<WorkerSetup>`. */
  readonly exportName: string;
  /** Passed to the export; it crosses threads by structured clone (no functions). */
  readonly argument?: unknown;
}

/**
 * What a recipe's export builds inside a worker: the target, and the checks
 * the run's ids are looked up in (usually the whole catalog).
 *
 * @example
 * export const harnessSetup = ({ domain }: { domain: string }): WorkerSetup => ({ target: myTarget(domain), checks: CATALOG });
 */
export interface WorkerSetup {
  readonly target: Target;
  readonly checks: readonly Check[];
}

/** Thrown when a module a worker thread needs exists only as TypeScript source (the package is not built). */
export class NotBuiltError extends Error {}

/**
 * The URL of the built (JavaScript) twin of a module of this package: the
 * module itself when it runs from `dist/`, and `dist/…js` when it runs from
 * its TypeScript source (vitest). A worker thread runs plain Node, which
 * cannot load `.ts`, so worker threads always run the built package: from
 * the sources, `npm run build` first.
 *
 * @example
 * builtModuleUrl(new URL('./check-worker.js', import.meta.url).href) // …/dist/harness/conformance/check-worker.js under vitest
 */
export function builtModuleUrl(url: string): string {
  if (!url.startsWith('file:')) return url;
  const path = fileURLToPath(url);
  if (existsSync(path)) return url;
  // From the sources: <root>/harness/x/y.ts (asked for as y.js) is built to <root>/dist/harness/x/y.js.
  const built = path.replace(/^(.*)([\\/])(harness|scenarios)([\\/])/, '$1$2dist$2$3$4').replace(/\.ts$/, '.js');
  if (built !== path && existsSync(built)) return pathToFileURL(built).href;
  throw new NotBuiltError(`${path} does not exist, nor its build ${built}: worker threads run the built package (npm run build)`);
}

/** True when this module runs from its TypeScript source rather than the build. */
export const RUNNING_FROM_SOURCE: boolean = import.meta.url.endsWith('.ts');
