import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Check } from '../conformance/index.js';
import { htmlReport, type HtmlRun } from '../report/index.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './io.js';
import { packageRoot } from './package-root.js';

/** The harness's version, from its package.json. @example harnessVersion() // '0.1.0' */
export function harnessVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? 'unknown';
}

/**
 * `--report DIR`: the folder the HTML report goes to, created before the
 * run (so that a folder that cannot be made is a usage error, not a lost run).
 *
 * @example
 * const dir = reportFolder(args); // undefined without --report
 */
export function reportFolder(args: ParsedArgs): string | undefined {
  const value = args.options.get('report');
  if (value === undefined) return undefined;
  if (value === true) throw new UsageError('--report needs a folder');
  try {
    mkdirSync(value, { recursive: true });
  } catch (error) {
    throw new UsageError(`--report ${value}: cannot create the folder (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
  return value;
}

/**
 * Writes `DIR/index.html`, the self-contained report of one or more runs
 * (issue 11 §4; one matrix column per run's target), and returns its path.
 *
 * @example
 * writeHtmlReport(dir, catalog.checks, [{ target: 'reference', seed: 1, transport: 'tls', results }]);
 */
export function writeHtmlReport(dir: string, checks: readonly Check[], runs: readonly HtmlRun[]): string {
  const file = join(dir, 'index.html');
  writeFileSync(file, htmlReport({ runs, checks: new Map(checks.map((c) => [c.id, { quote: c.quote }])), harnessVersion: harnessVersion() }));
  return file;
}
