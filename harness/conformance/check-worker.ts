/**
 * The entry of a worker thread of a parallel run (issue 13 §4; the main
 * side is parallel-run.ts). It imports the run's {@link WorkerRecipe},
 * builds the target and the checks once, says `ready`, then runs each check
 * it is handed (by catalog index and id) exactly as the in-process runner
 * does: its own network, seeded with the run's seed. Nothing is shared
 * between checks, so the result does not depend on which thread ran it.
 *
 * @example
 * new Worker(new URL(builtModuleUrl(new URL('./check-worker.js', import.meta.url).href)), { workerData })
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { Check } from './check.js';
import { runCatalog } from './runner.js';
import type { ToMain, ToWorker, WorkerData } from './worker-messages.js';
import type { WorkerSetup } from './worker-recipe.js';

const port = parentPort;
if (port === null) throw new Error('check-worker.js is the entry of a worker thread, not a module to import');
const data = workerData as WorkerData;
const post = (message: ToMain): void => { port.postMessage(message); };
const describe = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

async function setUp(): Promise<WorkerSetup> {
  const module = (await import(data.recipe.module)) as Record<string, unknown>;
  const build = module[data.recipe.exportName];
  if (typeof build !== 'function') throw new TypeError(`${data.recipe.module} has no function export ${data.recipe.exportName}`);
  return (await (build as (argument: unknown) => WorkerSetup | Promise<WorkerSetup>)(data.recipe.argument));
}

try {
  const setup = await setUp();
  const byId = new Map<string, Check>(setup.checks.map((check) => [check.id, check]));
  // One check at a time: the main thread hands the next one when this one's result is in.
  port.on('message', (message: ToWorker) => {
    const check = byId.get(message.id);
    if (check === undefined) {
      post({ kind: 'unknown-check', index: message.index });
      return;
    }
    void runCatalog({ ...data.options, target: setup.target, checks: [check] }).then(
      ([result]) => { if (result !== undefined) post({ kind: 'result', index: message.index, result }); },
      (error: unknown) => { post({ kind: 'check-error', index: message.index, error: describe(error) }); },
    );
  });
  post({ kind: 'ready' });
} catch (error) {
  post({ kind: 'setup-failed', error: describe(error) });
}
