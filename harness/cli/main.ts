import { parseArgs } from './args.js';
import { decodeCommand } from './decode-command.js';
import { demoCommand } from './demo-command.js';
import { encodeCommand } from './encode-command.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { runCommand } from './run-command.js';
import { serveCommand } from './serve-command.js';
import { structNames } from './structs.js';
import { vectorsCommand } from './vectors-command.js';

const HELP = `mimi-harness: conformance, simulation and fuzzing harness for MIMI

Commands:
  demo [--seed N] [--transport tls|direct]
                              the main job: 3 reference providers in-process over real TLS run a group's whole
                              lifecycle; one line per exchange, then a summary (exit 1 on any loss or disagreement)
  run [--vectors DIR] [--mls-wg DIR] [--verbose]
                              check the codec against the struct vectors and the MLS WG vectors
  decode <Struct> <hex>       decode one value, print it as JSON (or the DecodeError; exit 1)
  decode <Struct> --stdin     one hex string per line in, one JSON result per line out
  encode <Struct> <json>      encode the JSON form of a value, print hex
  vectors [--out DIR] [--seed N] [--count N]
                              write deterministic test vectors (default fixtures/vectors)
  serve --providers N --out DIR [--seed N] [--handshake-timeout-ms N] [--headers-timeout-ms N]
        [--request-timeout-ms N] [--idle-timeout-ms N] [--max-connections-per-source N]
                              N providers over real TLS on 127.0.0.1, plus negative-variant hosts (expired, wrong host,
                              untrusted CA, TLS 1.2 only, ...), until SIGINT/SIGTERM; writes DIR/ca.pem, DIR/hosts.json
  structs                     list the struct names decode and encode accept
  help                        this text`;

/**
 * Runs one `mimi-harness` command and returns its exit code.
 *
 * @example
 * process.exitCode = await runCli(['decode', 'varint', '25'], processIo());
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo':
        return await demoCommand(parseArgs(rest, []), io);
      case 'run':
        return await runCommand(parseArgs(rest, ['verbose']), io);
      case 'decode':
        return await decodeCommand(parseArgs(rest, ['stdin']), io);
      case 'encode':
        return await encodeCommand(parseArgs(rest, []), io);
      case 'vectors':
        return await vectorsCommand(parseArgs(rest, []), io);
      case 'serve':
        return await serveCommand(parseArgs(rest, []), io);
      case 'structs':
        for (const name of structNames()) io.out(name);
        return EXIT.ok;
      case undefined:
      case 'help':
      case '--help':
        io.out(HELP);
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}"`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`mimi-harness: ${error.message}\n\n${HELP}`);
    return EXIT.usage;
  }
}
