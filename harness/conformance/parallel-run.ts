import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { traceHash, type TransportMode } from '../network/index.js';
import type { Check, CheckResult } from './check.js';
import { replayCommand } from './replay-command.js';
import type { Target } from './target.js';
import type { ToMain, ToWorker, WorkerData } from './worker-messages.js';
import { builtModuleUrl, type WorkerRecipe } from './worker-recipe.js';

/** What {@link runInWorkers} needs: RunCatalogOptions with the transport, the number of workers and the recipe settled. */
export interface ParallelRunOptions {
  readonly target: Pick<Target, 'expectedFailures'>;
  readonly checks: readonly Check[];
  readonly seed: number;
  readonly transport: TransportMode;
  readonly path?: string;
  readonly numRuns?: number;
  readonly checkTimeoutMs?: number;
  readonly onResult?: (result: CheckResult, index: number, total: number) => void;
  readonly workers: number;
  readonly recipe: WorkerRecipe;
}

/** How long a worker may take to import its recipe and build the target (real time). */
const SETUP_LIMIT_MS = 120_000;

/**
 * How long the main thread waits for one check's result before it stops the
 * worker: the worker's own limit (withCheckTimeout) cannot fire while a
 * check blocks its thread's event loop, so this one, twice as long plus 5 s,
 * catches that and nothing else. The slack is the check's own limit,
 * between 1 s and 5 s (a short limit, as in the tests, needs no 5 s more).
 */
const hungAfterMs = (checkTimeoutMs: number): number => 2 * checkTimeoutMs + Math.min(5_000, Math.max(1_000, checkTimeoutMs));

const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** A check that has no verdict because its worker could not give one: a failure that says why, never a crash of the run. */
function failedResult(options: ParallelRunOptions, check: Check, actual: string, durationMs: number): CheckResult {
  const expectedFailure = options.target.expectedFailures?.[check.id];
  return {
    id: check.id,
    section: check.section,
    level: check.level,
    status: 'fail',
    seed: options.seed,
    durationMs: Math.round(durationMs),
    traceHash: traceHash([], { bodies: false }),
    evidence: { exchanges: [], expected: 'the check to run to its verdict', actual },
    replay: replayCommand(check.id, options.seed, options.transport, options.path),
    ...(expectedFailure === undefined ? {} : { expectedFailure }),
  };
}

/**
 * Runs the checks on `workers` worker threads (issue 13 §4). Each worker
 * rebuilds the target from the recipe and is handed one check at a time
 * (the next in catalog order when it is free); each check runs on its own
 * network with the run's seed, as in one thread, so the results, in catalog
 * order, are the same for any number of workers, durations aside.
 * `onResult` is called in catalog order (a result waits for those before
 * it). A check whose worker dies or stops answering
 * ({@link hungAfterMs}) fails with the reason, and a fresh worker takes the
 * checks not yet run; a recipe that cannot be built fails the checks not yet
 * run with the reason. The promise settles when every worker has ended.
 *
 * @example
 * const results = await runInWorkers({ target, checks: CATALOG, seed: 1, transport: 'tls', workers: 2, recipe });
 */
export async function runInWorkers(options: ParallelRunOptions): Promise<CheckResult[]> {
  const { checks } = options;
  const total = checks.length;
  const results: (CheckResult | undefined)[] = Array.from({ length: total }, () => undefined);
  const script = new URL(builtModuleUrl(new URL('./check-worker.js', import.meta.url).href));
  const data: WorkerData = {
    recipe: options.recipe,
    options: {
      seed: options.seed,
      transport: options.transport,
      ...(options.path === undefined ? {} : { path: options.path }),
      ...(options.numRuns === undefined ? {} : { numRuns: options.numRuns }),
      ...(options.checkTimeoutMs === undefined ? {} : { checkTimeoutMs: options.checkTimeoutMs }),
    },
  };
  let dispatched = 0;
  let reported = 0;
  let setupFailure: string | undefined;

  const settle = (index: number, result: CheckResult): void => {
    if (results[index] !== undefined) return;
    results[index] = result;
    // Progress in catalog order: report every result whose predecessors are all in.
    for (let next = results[reported]; next !== undefined; next = results[reported]) {
      options.onResult?.(next, reported, total);
      reported += 1;
    }
  };

  const startWorker = (): Promise<void> => new Promise((resolve) => {
    const worker = new Worker(script, { workerData: data, execArgv: [] });
    let current: { index: number; check: Check; started: number } | undefined;
    let ready = false;
    let lastError: string | undefined;
    let watchdog: NodeJS.Timeout | undefined;
    const stop = (): void => { clearTimeout(watchdog); void worker.terminate(); };
    const failCurrent = (why: string): void => {
      if (current !== undefined) settle(current.index, failedResult(options, current.check, why, performance.now() - current.started));
      current = undefined;
    };
    const dispatch = (): void => {
      const check = checks[dispatched];
      if (setupFailure !== undefined || check === undefined) {
        stop();
        return;
      }
      current = { index: dispatched, check, started: performance.now() };
      dispatched += 1;
      const limit = hungAfterMs(options.checkTimeoutMs ?? 30_000);
      clearTimeout(watchdog);
      watchdog = setTimeout(() => {
        failCurrent(`its worker thread gave no result within ${limit} ms (the check blocks its thread, or the worker hangs); the worker was stopped`);
        void worker.terminate();
      }, limit);
      worker.postMessage({ index: current.index, id: check.id } satisfies ToWorker);
    };
    watchdog = setTimeout(() => {
      setupFailure ??= `a worker thread did not set up within ${SETUP_LIMIT_MS} ms (${options.recipe.module} ${options.recipe.exportName})`;
      stop();
    }, SETUP_LIMIT_MS);
    worker.on('message', (message: ToMain) => {
      if (message.kind === 'ready') {
        ready = true;
        dispatch();
      } else if (message.kind === 'setup-failed') {
        setupFailure ??= `a worker thread could not build the target (${options.recipe.module} ${options.recipe.exportName}): ${message.error}`;
        stop();
      } else if (current !== undefined && message.index === current.index) {
        if (message.kind === 'result') settle(message.index, message.result);
        else failCurrent(message.kind === 'unknown-check' ? `the worker's recipe has no check ${current.check.id}` : message.error);
        current = undefined;
        dispatch();
      }
    });
    // An exception nothing caught inside the worker ends it; 'exit' follows.
    worker.on('error', (error) => { lastError = describe(error); });
    worker.on('exit', (code) => {
      clearTimeout(watchdog);
      const why = lastError ?? `exit code ${code}`;
      failCurrent(`the worker thread running it died (${why})`);
      if (!ready) setupFailure ??= `a worker thread died while setting up (${why})`;
      // A fresh worker for the checks not yet handed out; a dead one is never reused.
      resolve(setupFailure === undefined && dispatched < total ? startWorker() : undefined);
    });
  });

  await Promise.all(Array.from({ length: Math.min(options.workers, total) }, startWorker));
  for (const [index, check] of checks.entries()) {
    if (results[index] === undefined) settle(index, failedResult(options, check, setupFailure ?? 'no worker thread ran it', 0));
  }
  return results.filter((result) => result !== undefined);
}
