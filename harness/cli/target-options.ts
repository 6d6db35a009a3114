import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { externalTarget, startExternalPeerFronts, TargetNotReadyError, waitUntilReady, type Check, type ExternalTargetConfig, type Target } from '../conformance/index.js';
import { loopbackOrigin, RemoteOriginError, type PeerFronts } from '../network/index.js';
import type { RateLimits } from '../provider/index.js';
import { intOption, stringOption, type ParsedArgs } from './args.js';
import { UsageError } from './io.js';
import { readTargetConfig } from './target-config.js';

/** The options of `run` for an external target (docs/EXTERNAL.md "Testing your provider as an external target"). */
export const EXTERNAL_RUN_OPTIONS: readonly string[] = ['target', 'target-ds', 'target-ca', 'control', 'budgets', 'peers-out', 'check-timeout-ms', 'ready-timeout-ms', 'target-config'];

function nameAndUrl(args: ParsedArgs, flag: string): { domain: string; url: string } {
  const value = stringOption(args, flag, '');
  const at = value.indexOf('=');
  if (at <= 0) throw new UsageError(`--${flag} is <domain>=<https-url>, e.g. provider1.test=https://127.0.0.1:8443`);
  const url = value.slice(at + 1);
  try {
    loopbackOrigin(url);
  } catch (error) {
    if (error instanceof RemoteOriginError) throw new UsageError(`--${flag}: ${error.message}`);
    throw error;
  }
  return { domain: value.slice(0, at), url };
}

function readText(flag: string, file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new UsageError(`--${flag} ${file}: cannot read it (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
  }
}

/** The external target's config from the flags or `--target-config`, or undefined if neither is given. */
function configOf(args: ParsedArgs): ExternalTargetConfig | undefined {
  const file = args.options.get('target-config');
  const flags = ['target', 'target-ds', 'target-ca'].filter((flag) => args.options.has(flag));
  if (file !== undefined) {
    if (flags.length > 0) throw new UsageError(`--target-config cannot be combined with --${flags.join(', --')}`);
    const config = readTargetConfig(stringOption(args, 'target-config', ''));
    const control = args.options.get('control');
    return typeof control === 'string' ? { ...config, controlUrl: control } : config;
  }
  if (flags.length === 0) {
    for (const flag of ['control', 'budgets', 'peers-out', 'ready-timeout-ms']) if (args.options.has(flag)) throw new UsageError(`--${flag} is for an external target (--target ... or --target-config)`);
    return undefined;
  }
  for (const flag of ['target', 'target-ds', 'target-ca']) if (!args.options.has(flag)) throw new UsageError(`an external target needs --target, --target-ds and --target-ca (missing --${flag})`);
  const provider = nameAndUrl(args, 'target');
  const ds = nameAndUrl(args, 'target-ds');
  const caPem = readText('target-ca', stringOption(args, 'target-ca', ''));
  let budgets: RateLimits | undefined;
  if (args.options.has('budgets')) {
    try {
      budgets = JSON.parse(readText('budgets', stringOption(args, 'budgets', ''))) as RateLimits;
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(`--budgets: not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  }
  const control = args.options.get('control');
  return { domain: provider.domain, dsDomain: ds.domain, providerOrigin: provider.url, dsOrigin: ds.url, caPem, ...(budgets === undefined ? {} : { budgets }), ...(typeof control === 'string' ? { controlUrl: control } : {}) };
}

/** `--check-timeout-ms N` (default 30000). @example checkTimeoutOption(args) // 30000 */
export function checkTimeoutOption(args: ParsedArgs): number {
  const ms = intOption(args, 'check-timeout-ms', 30_000);
  if (ms < 1) throw new UsageError('--check-timeout-ms must be a positive integer');
  return ms;
}

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/** An external target ready to run against, and what to stop afterwards. */
export interface PreparedExternal {
  readonly target: Target;
  readonly fronts: PeerFronts;
  close(): Promise<void>;
}

/**
 * For `run` against an external target: reads the config, starts the peer
 * fronts (one loopback TLS listener for every harness peer name of these checks, for the whole run),
 * writes `ca.pem` and `hosts.json` into `--peers-out DIR` (default
 * `mimi-peers`), and waits until the target's discovery answers
 * (`--ready-timeout-ms`, default 30000). Undefined for an in-process run.
 *
 * @example
 * const external = await prepareExternal(args, checks, (line) => io.out(line));
 */
export async function prepareExternal(args: ParsedArgs, checks: readonly Pick<Check, 'id' | 'peers'>[], log: (line: string) => void): Promise<PreparedExternal | undefined> {
  const config = configOf(args);
  if (config === undefined) return undefined;
  const readyMs = intOption(args, 'ready-timeout-ms', 30_000);
  if (readyMs < 1) throw new UsageError('--ready-timeout-ms must be a positive integer');
  const out = stringOption(args, 'peers-out', 'mimi-peers');
  const fronts = await startExternalPeerFronts(checks);
  try {
    try {
      if (!existsSync(out)) mkdirSync(out, { recursive: true });
      writeAtomically(join(out, 'ca.pem'), fronts.caPem);
      writeAtomically(join(out, 'hosts.json'), `${JSON.stringify(fronts.hosts, null, 2)}\n`);
    } catch (error) {
      throw new UsageError(`cannot write to --peers-out ${out}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
    }
    log(`harness peers on 127.0.0.1 (${Object.keys(fronts.hosts).length} names); wrote ${join(out, 'ca.pem')} and ${join(out, 'hosts.json')}`);
    const target = externalTarget(config, fronts);
    await waitUntilReady(target, readyMs);
    log(`target ${config.domain} is ready at ${config.providerOrigin}`);
    return { target, fronts, close: () => fronts.close() };
  } catch (error) {
    await fronts.close();
    if (error instanceof TargetNotReadyError) throw new UsageError(error.message);
    throw error;
  }
}

/**
 * The gating failures that count for the exit status: an expected failure
 * (the target's config names it) does not; a line for each, and for each
 * expected failure that passed.
 *
 * @example
 * const counted = countedFailures(summary.gating, results, (line) => io.out(line));
 */
export function countedFailures<R extends { readonly id: string; readonly status: string; readonly expectedFailure?: string }>(gating: readonly R[], results: readonly R[], target: Target, log: (line: string) => void): readonly R[] {
  for (const result of results) {
    if (result.expectedFailure !== undefined) log(`expected failure: ${result.id} (${result.expectedFailure})`);
    const expected = target.expectedFailures?.[result.id];
    if (expected !== undefined && result.status === 'pass') log(`expected to fail but passed: ${result.id} (the config says: ${expected})`);
  }
  return gating.filter((result) => result.expectedFailure === undefined);
}

/**
 * The run-level health line of an external target: how many checks timed
 * out or lost the transport, and what discovery answered after each.
 *
 * @example
 * const line = healthLine(results); // 'target health: 1 check timed out or lost the connection; discovery answered 200'
 */
export function healthLine(results: readonly { readonly id: string; readonly evidence: { readonly targetHealth?: string } }[]): string {
  const probed = results.filter((result) => result.evidence.targetHealth !== undefined);
  if (probed.length === 0) return 'target health: no check timed out or lost the connection';
  const last = probed.at(-1)?.evidence.targetHealth ?? '';
  return `target health: ${probed.length} check${probed.length === 1 ? '' : 's'} timed out or lost the connection (${probed.map((r) => r.id).slice(0, 5).join(', ')}${probed.length > 5 ? ', ...' : ''}); after the last, ${last}`;
}
