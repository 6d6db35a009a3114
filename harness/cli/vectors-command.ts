import { generateVectors, VECTOR_SEED } from '../messages/index.js';
import { intOption, onlyOptions, stringOption, type ParsedArgs } from './args.js';
import { EXIT, type CliIo } from './io.js';
import { writeVectorFiles } from './vector-files.js';

/**
 * `mimi-harness vectors [--out DIR] [--seed N] [--count N]`: writes
 * deterministic positive and negative vectors for every struct.
 *
 * @example
 * await vectorsCommand(parseArgs(['--out', '/tmp/v'], []), io)
 */
export function vectorsCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyOptions(args, ['out', 'seed', 'count']);
  const out = stringOption(args, 'out', 'fixtures/vectors');
  const seed = intOption(args, 'seed', VECTOR_SEED);
  const count = intOption(args, 'count', 3);
  const all = generateVectors(seed, count);
  const files = writeVectorFiles(out, all, seed);
  const positives = all.reduce((n, v) => n + v.positive.length, 0);
  const negatives = all.reduce((n, v) => n + v.negative.length, 0);
  io.out(`wrote ${files} files to ${out}: ${all.length} structs, ${positives} positive and ${negatives} negative vectors (seed ${seed})`);
  return Promise.resolve(EXIT.ok);
}
