import { join } from 'node:path';
import { onlyOptions, stringOption, type ParsedArgs } from './args.js';
import { report } from './checks.js';
import { mlsWgChecks, vectorChecks } from './codec-checks.js';
import { EXIT, type CliIo } from './io.js';
import { packageRoot } from './package-root.js';
import { readVectorFiles } from './vector-files.js';

/**
 * `mimi-harness check-vectors [--vectors DIR] [--mls-wg DIR] [--verbose]`:
 * checks the wire codec against the struct vectors (the bundled ones, or
 * another implementation's in the same format) and the MLS working group's
 * vectors. (Until the check catalog existed this was `run`.)
 * Exit 0 only if every check passed.
 *
 * @example
 * await checkVectorsCommand(parseArgs([], ['verbose']), io)
 */
export function checkVectorsCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyOptions(args, ['vectors', 'mls-wg', 'verbose']);
  const root = packageRoot();
  const vectorsDir = stringOption(args, 'vectors', join(root, 'fixtures', 'vectors'));
  const mlsWgDir = stringOption(args, 'mls-wg', join(root, 'fixtures', 'mls-wg'));
  io.out(`mimi-harness check-vectors: struct vectors from ${vectorsDir}, MLS WG vectors from ${mlsWgDir}`);
  const results = [...vectorChecks(readVectorFiles(vectorsDir)), ...mlsWgChecks(mlsWgDir)];
  return Promise.resolve(report(results, io.out, args.options.has('verbose')) ? EXIT.ok : EXIT.refused);
}
