import { UsageError } from './io.js';

/** Positional arguments and `--name value` / `--flag` options. */
export interface ParsedArgs {
  readonly positional: string[];
  readonly options: Map<string, string | true>;
}

/**
 * Splits argv; `flags` names the options that take no value.
 *
 * @example
 * parseArgs(['decode', 'DSRequest', '--stdin'], ['stdin'])
 */
export function parseArgs(argv: readonly string[], flags: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('--')) {
      positional.push(arg);
      continue;
    }
    const name = arg.slice(2);
    if (flags.includes(name)) {
      options.set(name, true);
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
    options.set(name, value);
    i += 1;
  }
  return { positional, options };
}

/** A string option, or the default. @example stringOption(args, 'out', 'fixtures/vectors') */
export function stringOption(args: ParsedArgs, name: string, fallback: string): string {
  const value = args.options.get(name);
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value ?? fallback;
}

/** An integer option, or the default. @example intOption(args, 'seed', 1) */
export function intOption(args: ParsedArgs, name: string, fallback: number): number {
  const value = args.options.get(name);
  if (value === undefined) return fallback;
  if (value === true || !/^-?\d+$/.test(value)) throw new UsageError(`--${name} needs an integer`);
  return Number(value);
}

/** Refuses options the command does not know. @example onlyOptions(args, ['out', 'seed']) */
export function onlyOptions(args: ParsedArgs, known: readonly string[]): void {
  for (const name of args.options.keys()) if (!known.includes(name)) throw new UsageError(`unknown option --${name}`);
}
