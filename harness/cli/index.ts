/**
 * The `mimi-harness` command line.
 *
 * @example
 * import { runCli, processIo } from 'mimi-transport-harness/cli';
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export type { CheckResult } from './checks.js';
export { processIo, EXIT, UsageError, type CliIo } from './io.js';
export { runCli } from './main.js';
export { TARGET_DOMAIN, type CatalogOverrides } from './catalog-target.js';
export { providerNames, serveCommand, startServing, type StopTrigger } from './serve-command.js';
export { readVectorFiles, vectorFileTexts, writeVectorFiles } from './vector-files.js';
