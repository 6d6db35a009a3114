import type { CliIo } from '../../harness/cli/index.js';

/** A CliIo that records output and feeds the given input lines. */
export function memoryIo(input: readonly string[] = []): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return {
    stdout,
    stderr,
    out: (text) => stdout.push(text),
    err: (text) => stderr.push(text),
     
    lines: async function* () {
      yield* input;
    },
  };
}
