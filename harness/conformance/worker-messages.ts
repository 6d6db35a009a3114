import type { TransportMode } from '../network/index.js';
import type { CheckResult } from './check.js';
import type { WorkerRecipe } from './worker-recipe.js';

/** The run options a worker thread gets: those of RunCatalogOptions that cross threads (no target, no callbacks). */
export interface WorkerRunOptions {
  readonly seed: number;
  readonly transport: TransportMode;
  readonly path?: string;
  readonly numRuns?: number;
  readonly checkTimeoutMs?: number;
}

/** A worker thread's `workerData`. @example const data: WorkerData = { recipe, options: { seed: 1, transport: 'tls' } }; */
export interface WorkerData {
  readonly recipe: WorkerRecipe;
  readonly options: WorkerRunOptions;
}

/** From the main thread: run the check at this catalog index (looked up by id in the worker's setup). */
export interface ToWorker {
  readonly index: number;
  readonly id: string;
}

/**
 * From a worker thread: its setup is done (or failed), or one check's
 * result (or the reason it has none).
 *
 * @example
 * const message: ToMain = { kind: 'result', index: 3, result };
 */
export type ToMain =
  | { readonly kind: 'ready' }
  | { readonly kind: 'setup-failed'; readonly error: string }
  | { readonly kind: 'result'; readonly index: number; readonly result: CheckResult }
  | { readonly kind: 'unknown-check'; readonly index: number }
  | { readonly kind: 'check-error'; readonly index: number; readonly error: string };
