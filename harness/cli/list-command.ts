import { onlyOptions, type ParsedArgs } from './args.js';
import { catalogOf, type CatalogOverrides } from './catalog-target.js';
import { EXIT, type CliIo } from './io.js';
import { checksOption } from './run-command.js';

/**
 * `mimi-harness list [--check GLOBS]`: the catalog, one check per line: id, level, role, section.
 *
 * @example
 * await listCommand(parseArgs(['--check', 'ds.*'], []), io);
 */
export function listCommand(args: ParsedArgs, io: CliIo, overrides: CatalogOverrides = {}): Promise<number> {
  onlyOptions(args, ['check']);
  const checks = checksOption(args, catalogOf(overrides).checks);
  const width = Math.max(...checks.map((c) => c.id.length));
  for (const check of checks) io.out(`${check.id.padEnd(width)}  ${check.level.padEnd(7)}  ${check.role.padEnd(8)}  ${check.section}`);
  return Promise.resolve(EXIT.ok);
}
