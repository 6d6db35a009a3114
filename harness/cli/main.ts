import { parseArgs } from './args.js';
import type { CatalogOverrides } from './catalog-target.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { structNames } from './structs.js';

// Each command's module is loaded when it runs: `decode --stdin` as a fuzz target must not load the network layer,
// whose interceptors wake undici's fetch and its WebAssembly parser (about 10 GiB of reserved address space
// shortly after start, which a VmPeak memory bound would take for the input being decoded).

const HELP = `mimi-harness: conformance, simulation and fuzzing harness for MIMI

Commands:
  run [--check GLOBS] [--seed N] [--transport tls|direct|sockets] [--json FILE] [--junit FILE] [--bodies]
      [--strict] [--planted NAME] [--num-runs N] [--shard i/n] [--workers N]
                              the main job: the whole check catalog against the reference provider in-process, over
                              real TLS on the virtual clock; one line per check, then a summary per category.
                              --workers: worker threads (default the number of cores; 1 for an external target),
                              the same results for any N
                              --check: comma-separated id globs (* and ?); --seed: default 1; --json: every result
                              {id, section, level, status, seed, durationMs, evidence} and the run's trace hash
                              (the same seed gives the same file, durations aside; --bodies adds the exchanges'
                              bytes, which carry unseeded key material); --junit: JUnit XML, one testcase per check;
                              --planted: a planted-bug variant of the reference provider instead (a name or part of one).
                              Exit 1 if and only if a MUST or PROFILE check fails (PROFILE rules are the wire the
                              harness asserts); SHOULD and MAY results are reported apart and count only with --strict
  replay <id> [--seed S] [--path P] [--transport T] [--planted NAME]
                              reproduce one result: its exchanges with decoded bodies, then the verdict (exit 1 if it
                              fails; an unknown id lists the closest ones, exit 2)
  report merge A.json B.json ... [--json OUT] [--junit OUT] [--report DIR]
                              merge the --json files of run --shard i/n (index in the selected checks modulo n)
                              into one report; refuses files that disagree (target, seed, a check twice)
  report html A.json B.json ... --report DIR
                              one HTML report of runs against several targets, a matrix column per target (the
                              files of one target are merged as shards); exit 1 if any target's run fails
  list [--check GLOBS]        the catalog: id, level, role, section
  demo [--seed N] [--transport tls|direct]
                              3 reference providers in-process over real TLS run a group's whole lifecycle; one line
                              per exchange, then a summary (exit 1 on any loss or disagreement)
  check-vectors [--vectors DIR] [--mls-wg DIR] [--verbose]
                              check the codec against the struct vectors and the MLS WG vectors
  decode <Struct> <hex>       decode one value, print it as JSON (or the DecodeError; exit 1)
  decode <Struct> --stdin     one hex string per line in, one JSON result per line out
  decode --stdin              the decoder protocol of docs/FUZZING.md: "<Struct> <hex>" per line in,
                              {"ok":true,"hex":...} or {"ok":false,"code":...} per line out (a fuzz target)
  encode <Struct> <json>      encode the JSON form of a value, print hex
  fuzz --against "<command>" [--struct NAME|all] [--runs N | --time S] [--seed N] [--corpus DIR] [--shard i/n]
       [--json FILE] [--strict-codes FILE] [--timeout-ms N] [--memory-mb N] [--no-minimize] [--replay FILE]
                              differential fuzzing of a decoder that speaks the protocol of docs/FUZZING.md (e.g.
                              --against "npx mimi-harness decode --stdin"): inputs from the arbitraries, the vectors and
                              DIR (default fuzz-corpus) with structure-aware mutations, judged against the profile's
                              strict decoder; each finding minimized and written to DIR/findings/<struct>-<hash>.json
                              with a replay line; --strict-codes: a JSON map of the target's error codes to the
                              profile's (otherwise codes are only reported); --shard i/n: inputs i-1 mod n, shards
                              writing into one DIR merge. Defaults: --runs 10000, --timeout-ms 1000 per input,
                              --memory-mb 256 (VmPeak growth while one input is decoded). Exit 1 if any finding
  fuzz --endpoint <path|all> [--runs N | --time S] [--seed N] [--corpus DIR] [--json FILE] [--batch N]
       [--planted NAME] [--no-minimize] [the external-target options of run]
                              fuzz a provider's endpoints: mutations of valid request bodies (signed parts signed
                              again by a trusted harness peer); never a 5xx, a decodable error of the endpoint's
                              carrier, no state change, discovery still answering; findings in
                              DIR/findings/<endpoint>-<hash>.json (docs/FUZZING.md "Endpoint fuzzing"). Exit 1 if any
  vectors [--out DIR] [--seed N] [--count N]
                              write deterministic test vectors (default fixtures/vectors)
  serve --providers N --out DIR [--seed N] [--handshake-timeout-ms N] [--headers-timeout-ms N]
        [--request-timeout-ms N] [--idle-timeout-ms N] [--max-connections-per-source N]
                              N providers over real TLS on 127.0.0.1, plus negative-variant hosts (expired, wrong host,
                              untrusted CA, TLS 1.2 only, ...), until SIGINT/SIGTERM; writes DIR/ca.pem, DIR/hosts.json
  structs                     list the struct names decode and encode accept
  help                        this text

Exit codes: 0 success, 1 a check failed or the input was refused, 2 bad usage.`;

/**
 * Runs one `mimi-harness` command and returns its exit code. `overrides`
 * gives `run`, `replay` and `list` another target or catalog (a program
 * embedding the CLI, a test with a planted-bug target).
 *
 * @example
 * process.exitCode = await runCli(['decode', 'varint', '25'], processIo());
 * await runCli(['run', '--check', 'ds.*'], io, { target: myTarget });
 */
export async function runCli(argv: readonly string[], io: CliIo, overrides: CatalogOverrides = {}): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'demo':
        return await (await import('./demo-command.js')).demoCommand(parseArgs(rest, []), io);
      case 'run':
        {
        const { RUN_FLAGS, runCommand } = await import('./run-command.js');
        return await runCommand(parseArgs(rest, RUN_FLAGS), io, overrides);
      }
      case 'report':
        return await (await import('./report-command.js')).reportCommand(parseArgs(rest, []), io, overrides);
      case 'replay':
        return await (await import('./replay-command.js')).replayCommand(parseArgs(rest, []), io, overrides);
      case 'list':
        return await (await import('./list-command.js')).listCommand(parseArgs(rest, []), io, overrides);
      case 'check-vectors':
        return await (await import('./check-vectors-command.js')).checkVectorsCommand(parseArgs(rest, ['verbose']), io);
      case 'decode':
        return await (await import('./decode-command.js')).decodeCommand(parseArgs(rest, ['stdin']), io);
      case 'fuzz':
        {
        const { FUZZ_FLAGS, fuzzCommand } = await import('./fuzz-command.js');
        return await fuzzCommand(parseArgs(rest, FUZZ_FLAGS), io);
      }
      case 'encode':
        return await (await import('./encode-command.js')).encodeCommand(parseArgs(rest, []), io);
      case 'vectors':
        return await (await import('./vectors-command.js')).vectorsCommand(parseArgs(rest, []), io);
      case 'serve':
        return await (await import('./serve-command.js')).serveCommand(parseArgs(rest, []), io);
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
