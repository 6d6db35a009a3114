import { readFileSync } from 'node:fs';
import { protocolStructNames } from '../fuzz/index.js';
import type { ParsedArgs } from './args.js';
import { UsageError } from './io.js';

/**
 * `--struct NAME|all` (comma-separated names allowed; default all).
 *
 * @example
 * fuzzStructs(parseArgs(['--struct', 'DSError,FQDN'], [])) // ['DSError', 'FQDN']
 */
export function fuzzStructs(args: ParsedArgs): string[] {
  const value = args.options.get('struct') ?? 'all';
  if (value === true) throw new UsageError('--struct needs a name or all');
  const known = protocolStructNames();
  if (value === 'all') return known;
  const names = value.split(',').map((name) => name.trim());
  const unknown = names.filter((name) => !known.includes(name));
  if (unknown.length > 0) throw new UsageError(`unknown struct ${unknown.join(', ')}; known: ${known.join(', ')}`);
  return names;
}

/**
 * `--strict-codes FILE`: a JSON object mapping the target's error codes to the profile's
 * (docs/FUZZING.md); undefined without the option.
 *
 * @example
 * fuzzCodeTable(parseArgs(['--strict-codes', 'codes.json'], [])) // Map { 'ERR_SHORT' => 'truncated', … }
 */
export function fuzzCodeTable(args: ParsedArgs): ReadonlyMap<string, string> | undefined {
  const file = args.options.get('strict-codes');
  if (file === undefined) return undefined;
  if (file === true) throw new UsageError('--strict-codes needs a JSON file');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new UsageError(`--strict-codes ${file}: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json) || !Object.values(json).every((v) => typeof v === 'string')) {
    throw new UsageError(`--strict-codes ${file}: expected a JSON object of strings, {"<target code>": "<profile code>"}`);
  }
  return new Map(Object.entries(json as Record<string, string>));
}
