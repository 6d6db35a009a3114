import { writeFileSync } from 'node:fs';
import { ENDPOINT_PLANTED, fuzzEndpoints, FUZZ_ENDPOINTS, shellQuote, writeEndpointFinding, type EndpointFinding } from '../fuzz/index.js';
import { referenceTarget, type Target } from '../conformance/index.js';
import { intOption, onlyOptions, stringOption, type ParsedArgs } from './args.js';
import { TARGET_DOMAIN, targetOf } from './catalog-target.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { EXTERNAL_RUN_OPTIONS, prepareExternal } from './target-options.js';
import { transportOption } from './run-command.js';

const KNOWN = ['endpoint', 'runs', 'time', 'seed', 'corpus', 'json', 'batch', 'planted', 'transport', 'no-minimize', ...EXTERNAL_RUN_OPTIONS];
const HARNESS = 'npx mimi-harness';

/** `--endpoint <path|all>`: the paths to fuzz, in the draft's order. */
function endpointsOption(args: ParsedArgs): readonly string[] {
  const value = stringOption(args, 'endpoint', '');
  if (value === 'all') return FUZZ_ENDPOINTS;
  const paths = value.split(',').map((p) => (p.startsWith('/') ? p : `/${p}`));
  const unknown = paths.filter((p) => !FUZZ_ENDPOINTS.includes(p));
  if (unknown.length > 0 || paths.length === 0) throw new UsageError(`--endpoint ${value}: not an endpoint with a request body; they are: all, ${FUZZ_ENDPOINTS.join(', ')}`);
  return paths;
}

/** The target: an endpoint fuzzer's planted bug by exact name, else what `run` would use (the reference provider, a catalog planted bug). */
function inProcessTarget(args: ParsedArgs): { target: Target; targetArgs: string } {
  const planted = args.options.get('planted');
  const own = typeof planted === 'string' ? ENDPOINT_PLANTED.find((bug) => bug.name.toLowerCase() === planted.toLowerCase()) : undefined;
  if (own !== undefined) return { target: own.target(TARGET_DOMAIN), targetArgs: `--planted ${shellQuote(own.name)}` };
  if (planted === undefined) return { target: referenceTarget({ domain: TARGET_DOMAIN }), targetArgs: '' };
  return { target: targetOf(args, {}).target, targetArgs: `--planted ${shellQuote(String(planted))}` };
}

/** The external-target flags as given, for the replay line (the same target, reached the same way). */
function externalArgs(args: ParsedArgs): string {
  const given = EXTERNAL_RUN_OPTIONS.flatMap((flag) => {
    const value = args.options.get(flag);
    return typeof value === 'string' ? [`--${flag} ${shellQuote(value)}`] : [];
  });
  return given.join(' ');
}

const line = (finding: EndpointFinding): string => `${finding.endpoint} ${finding.kind}: ${finding.problem} (${finding.seed}, ${finding.resigned ? 're-signed ' : ''}${finding.mutation}; ${finding.minimization.fromBytes} -> ${finding.minimization.toBytes} bytes; seen ${finding.occurrences}x)`;

/**
 * `mimi-harness fuzz --endpoint <path|all> [--runs N | --time S] [--seed N]
 * [--corpus DIR] [--json FILE] [--batch N] [--planted NAME] [--no-minimize]`
 * plus the external-target options of `run` (docs/FUZZING.md "Endpoint
 * fuzzing", issue 12 §3): fuzzes the target provider's endpoints, writes
 * each finding to `DIR/findings/<endpoint>-<hash>.json`; progress on
 * stderr, a summary on stdout; exit 1 if any finding.
 *
 * @example
 * await fuzzEndpointCommand(parseArgs(['--endpoint', 'all', '--runs', '64'], ['no-minimize']), processIo())
 */
export async function fuzzEndpointCommand(args: ParsedArgs, io: CliIo): Promise<number> {
  onlyOptions(args, KNOWN);
  if (args.positional.length > 0) throw new UsageError(`fuzz takes no positional arguments (got ${args.positional.join(' ')})`);
  const endpoints = endpointsOption(args);
  if (args.options.has('runs') && args.options.has('time')) throw new UsageError('fuzz takes --runs N or --time S, not both');
  const seed = intOption(args, 'seed', 1);
  const batch = intOption(args, 'batch', 32);
  const timeS = args.options.has('time') ? intOption(args, 'time', 0) : undefined;
  // With --time, the runs per endpoint are unbounded but the time is shared out.
  const runs = args.options.has('runs') ? intOption(args, 'runs', 0) : timeS === undefined ? 64 : Number.MAX_SAFE_INTEGER;
  if (runs < 1 || batch < 1 || (timeS !== undefined && timeS < 1)) throw new UsageError('--runs, --batch and --time must be positive');
  const corpusDir = stringOption(args, 'corpus', 'fuzz-corpus');
  const transport = transportOption(args);
  const external = await prepareExternal(args, [{ id: 'fuzz.endpoints' }], (text) => { io.err(text); });
  const { target, targetArgs } = external === undefined ? inProcessTarget(args) : { target: external.target, targetArgs: externalArgs(args) };
  io.err(`mimi-harness fuzz: ${endpoints.join(', ')} of ${target.name} (${target.domain}), seed ${seed}, ${timeS === undefined ? `${runs} inputs per endpoint` : `${timeS} s`}`);
  const files = new Map<EndpointFinding, string>();
  const run = { seed, harness: HARNESS, targetArgs, batch };
  try {
    const summary = await fuzzEndpoints(target, {
      endpoints,
      seed,
      runs,
      batch,
      transport,
      ...(timeS === undefined ? {} : { timeBudgetMs: timeS * 1000 }),
      ...(args.options.has('no-minimize') ? { minimize: false } : {}),
      onProgress: (text) => { io.err(text); },
      onFinding: (finding) => {
        const path = writeEndpointFinding(corpusDir, finding, run);
        files.set(finding, path);
        io.err(`fuzz: finding: ${finding.endpoint} ${finding.kind} → ${path}`);
      },
    });
    for (const finding of summary.findings) writeEndpointFinding(corpusDir, finding, run);
    const inputs = Object.values(summary.counts).reduce((n, c) => n + c.inputs, 0);
    const checks = Object.values(summary.counts).reduce((n, c) => n + c.stateChecks, 0);
    io.out(`mimi-harness fuzz --endpoint: ${inputs} inputs to ${Object.keys(summary.counts).length} endpoints, ${checks} state checks, ${summary.findings.length} finding${summary.findings.length === 1 ? '' : 's'} in ${(summary.durationMs / 1000).toFixed(1)} s (seed ${seed})`);
    for (const [path, c] of Object.entries(summary.counts)) io.out(`  ${path}: ${c.inputs} inputs, ${c.accepted} accepted, ${c.refused} refused, ${c.stateChecks} state checks`);
    for (const finding of summary.findings) io.out(`  finding: ${line(finding)}\n    ${files.get(finding) ?? ''}`);
    if (summary.aborted !== undefined) io.out(`  aborted: ${summary.aborted}`);
    const json = args.options.get('json');
    if (typeof json === 'string') writeFileSync(json, `${JSON.stringify({ $schema: 'https://mimi-transport-harness.invalid/schemas/fuzz/endpoint-summary.schema.json', ...summary, findings: summary.findings.map((f) => ({ ...f, file: files.get(f) ?? null })) }, null, 2)}\n`);
    return summary.findings.length > 0 || summary.aborted !== undefined ? EXIT.refused : EXIT.ok;
  } finally {
    await external?.close();
  }
}
