import { runCatalog } from '../conformance/index.js';
import { replayLines } from '../report/index.js';
import { intOption, onlyOptions, stringOption, type ParsedArgs } from './args.js';
import { catalogOf, targetOf, type CatalogOverrides } from './catalog-target.js';
import { closeIds } from './close-ids.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { transportOption } from './run-command.js';

/**
 * `mimi-harness replay <id> [--seed S] [--path P] [--transport T]
 * [--planted NAME] [--num-runs N]`: reproduces one result (the command every
 * result carries) and prints its exchanges, bodies decoded as JSON, and the
 * verdict. Exit 1 if the check fails, 0 otherwise; an unknown id is one
 * error line naming the closest ids, exit 2.
 *
 * @example
 * await replayCommand(parseArgs(['ds.send-message.fan-out', '--seed', '1'], []), io);
 */
export async function replayCommand(args: ParsedArgs, io: CliIo, overrides: CatalogOverrides = {}): Promise<number> {
  onlyOptions(args, ['seed', 'path', 'transport', 'planted', 'num-runs']);
  const [id, ...extra] = args.positional;
  if (id === undefined) throw new UsageError('replay needs a check id');
  if (extra.length > 0) throw new UsageError(`replay takes one check id, not ${args.positional.length}`);
  const { checks } = catalogOf(overrides);
  const check = checks.find((c) => c.id === id);
  if (check === undefined) {
    io.err(`mimi-harness replay: no check "${id}" in the catalog; closest: ${closeIds(id, checks.map((c) => c.id)).join(', ')}`);
    return EXIT.usage;
  }
  const seed = intOption(args, 'seed', 1);
  const transport = transportOption(args);
  const path = args.options.has('path') ? stringOption(args, 'path', '') : undefined;
  const numRuns = args.options.has('num-runs') ? intOption(args, 'num-runs', 0) : undefined;
  const { target, replaySuffix } = targetOf(args, overrides);
  io.out(`mimi-harness replay: ${id} against ${target.name} (${target.domain}), ${transport}, seed ${seed}${path === undefined ? '' : `, path ${path}`}`);
  const [result] = await runCatalog({ target, checks: [check], seed, transport, ...(path === undefined ? {} : { path }), ...(numRuns === undefined ? {} : { numRuns }) });
  if (result === undefined) throw new Error('the runner returned no result');
  const lines = replayLines(result);
  const last = lines.length - 1;
  lines[last] = `${lines[last] ?? ''}${replaySuffix}`;
  for (const line of lines) io.out(line);
  return result.status === 'fail' ? EXIT.refused : EXIT.ok;
}
