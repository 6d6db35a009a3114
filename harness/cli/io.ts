import { createInterface } from 'node:readline';
import { wantsColor } from '../report/colors.js';

/** What a command may touch: output streams and input lines. Tests pass their own. */
export interface CliIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  readonly lines: () => AsyncIterable<string>;
  /** Colour the terminal summary (stdout is a TTY, no NO_COLOR; report/colors.ts wantsColor). Default plain. */
  readonly color?: boolean;
}

/**
 * The process's stdout, stderr and stdin.
 *
 * @example
 * process.exitCode = await runCli(process.argv.slice(2), processIo());
 */
export function processIo(): CliIo {
  // A reader that went away (`mimi-harness structs | head -1`) is not an error of ours: stop
  // quietly with the exit code so far, as Unix tools do, instead of an uncaught EPIPE trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE') throw error;
    process.exit(process.exitCode ?? EXIT.ok);
  });
  return {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    lines: () => createInterface({ input: process.stdin, crlfDelay: Infinity }),
    color: wantsColor(process.stdout.isTTY, process.env),
  };
}

/** Exit codes: 0 success, 1 the input was refused or a check failed, 2 bad usage. */
export const EXIT = { ok: 0, refused: 1, usage: 2 } as const;

/** A usage mistake, reported with the command's help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}
