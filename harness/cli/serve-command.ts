import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createNetwork, type FetchHandler, type HostSpec, type ListenerLimits, type Network } from '../network/index.js';
import { providerControl, startControlServer, type ControlServer } from '../conformance/index.js';
import { createProvider } from '../provider/index.js';
import { intOption, onlyOptions, stringOption, type ParsedArgs } from './args.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { connectPeers, writeTargetConfig } from './serve-peers.js';
import { VARIANT_HOSTS, type ServedHost, type ServedVariant } from './serve-hosts.js';

/** How `serve` learns that it should stop (SIGINT/SIGTERM in the CLI; a callback in tests). */
export type StopTrigger = (stop: () => void) => void;

/** Stops on the first SIGINT or SIGTERM. */
export const onSignals: StopTrigger = (stop) => {
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
};

function writeAtomically(path: string, text: string): void {
  writeFileSync(`${path}.tmp`, text);
  renameSync(`${path}.tmp`, path);
}

/**
 * `--out` cannot be created or written: a usage error, reported in one line (no stack).
 *
 * @example
 * throw new OutDirectoryError('/dev/null/x', error); // "cannot write to --out /dev/null/x: ENOTDIR"
 */
export class OutDirectoryError extends Error {
  override readonly name = 'OutDirectoryError';
  constructor(out: string, cause: unknown) {
    const code = (cause as NodeJS.ErrnoException).code;
    super(`cannot write to --out ${out}: ${code ?? (cause instanceof Error ? cause.message : String(cause))}`, { cause });
  }
}

function outDirectory<T>(out: string, body: () => T): T {
  try {
    return body();
  } catch (error) {
    throw new OutDirectoryError(out, error);
  }
}

/** The names of provider `i` (1-based): `provider<i>.test` and `ds.provider<i>.test`. */
export function providerNames(i: number): { domain: string; dsDomain: string } {
  return { domain: `provider${i}.test`, dsDomain: `ds.provider${i}.test` };
}

/**
 * Starts `count` providers, and the negative-variant hosts of
 * {@link VARIANT_HOSTS}, in sockets mode on 127.0.0.1 and, once every
 * listener is ready, writes `ca.pem` and `hosts.json` (every provider and DS
 * domain → `{ address: "127.0.0.1:PORT", variant }`) into `out`. `out` is
 * created before anything listens; if it cannot be, this throws
 * {@link OutDirectoryError} and nothing was started.
 *
 * @example
 * const { network, hosts } = await startServing(3, '/tmp/mimi', 1);
 */
/** How {@link startServing} runs its providers beyond the listener limits. */
export interface ServingOptions {
  /**
   * Providers on the network's virtual clock instead of real time: time then
   * stands still unless the caller moves it, so rate-limit budgets and key
   * lifetimes do not refill or expire while a test drives them from outside.
   * `serve` itself runs on real time.
   */
  readonly virtualClock?: boolean;
  /** `--peers DIR`: the harness's peers of an external run (DIR/hosts.json, DIR/ca.pem), reached over real TLS; waited for at most `peersTimeoutMs` (default 30000). */
  readonly peersDir?: string;
  readonly peersTimeoutMs?: number;
  /**
   * Also serve the control API (docs/ADAPTER.md) for the first provider's
   * clients on a loopback port of its own, named as `control` in
   * target.json; the caller closes it with `closeControl`.
   */
  readonly control?: boolean;
  /**
   * Wraps the first provider's handler, as a planted-bug variant does
   * (wrapTarget): how the tests judge a defective target that is external,
   * behind real loopback TLS.
   */
  readonly wrapFirst?: (inner: FetchHandler) => FetchHandler;
}

/** What {@link startServing} started. */
export interface Served {
  readonly network: Network;
  readonly hosts: Record<string, ServedHost>;
  /** The control API's URL, with `control`. */
  readonly controlUrl?: string;
  /** Closes the control API server (nothing without `control`). */
  readonly closeControl: () => Promise<void>;
}

export async function startServing(count: number, out: string, seed: number, limits: Partial<ListenerLimits> = {}, options: ServingOptions = {}): Promise<Served> {
  outDirectory(out, () => {
    mkdirSync(out, { recursive: true });
    // A client polling for hosts.json must never read the one of an earlier run.
    rmSync(join(out, 'hosts.json'), { force: true });
    rmSync(join(out, 'target.json'), { force: true });
  });
  const network = createNetwork({ seed, transport: 'sockets', listenerLimits: limits });
  let control: ControlServer | undefined;
  try {
    const hosts: Record<string, ServedHost> = {};
    // With --peers, every answer is 503 until the peers are connected, so a harness polling discovery sees it ready only then.
    let peersConnected = options.peersDir === undefined;
    const add = async (names: { domain: string; dsDomain: string }, variant: ServedVariant, spec: Partial<HostSpec> = {}) => {
      const provider = await createProvider(options.virtualClock === true ? { ...names, clock: network.clock } : names);
      if (options.control === true && control === undefined) control = await startControlServer(providerControl(provider, network));
      const inner: FetchHandler = (request, info) => provider.fetch(request, info);
      const handler = names.domain === providerNames(1).domain && options.wrapFirst !== undefined ? options.wrapFirst(inner) : inner;
      const handle = await network.addHost({ ...spec, names: [names.domain, names.dsDomain], start: () => (request, info) => (peersConnected ? handler(request, info) : Promise.resolve(new Response('waiting for the harness peers (--peers)', { status: 503, headers: { 'retry-after': '1' } }))) });
      for (const name of handle.names) hosts[name] = { address: `127.0.0.1:${handle.port ?? 0}`, variant };
    };
    for (let i = 1; i <= count; i++) await add(providerNames(i), 'valid');
    for (const host of VARIANT_HOSTS) await add(host, host.variant, host.spec);
    outDirectory(out, () => {
      writeAtomically(join(out, 'ca.pem'), network.caPem);
      writeAtomically(join(out, 'hosts.json'), `${JSON.stringify(hosts, null, 2)}\n`);
      writeTargetConfig(out, providerNames(1), hosts, control?.url);
    });
    if (options.peersDir !== undefined) await connectPeers(network, options.peersDir, options.peersTimeoutMs ?? 30_000);
    peersConnected = true;
    const served = control;
    return { network, hosts, ...(served === undefined ? {} : { controlUrl: served.url }), closeControl: () => served?.close() ?? Promise.resolve() };
  } catch (error) {
    await control?.close();
    await network.dispose();
    throw error;
  }
}

/** The `serve` flags that set the listeners' limits (docs/EXTERNAL.md), by the limit each sets. */
const LIMIT_FLAGS = {
  'handshake-timeout-ms': 'handshakeTimeoutMs',
  'headers-timeout-ms': 'headersTimeoutMs',
  'request-timeout-ms': 'requestTimeoutMs',
  'idle-timeout-ms': 'idleTimeoutMs',
  'max-connections-per-source': 'maxConnectionsPerSource',
} as const satisfies Record<string, keyof ListenerLimits>;

function limitsOf(args: ParsedArgs): Partial<ListenerLimits> {
  const limits: { -readonly [K in keyof ListenerLimits]?: number } = {};
  for (const [flag, limit] of Object.entries(LIMIT_FLAGS)) {
    if (args.options.has(flag)) limits[limit] = intOption(args, flag, 0);
  }
  return limits;
}

/**
 * `mimi-harness serve --providers N --out DIR [--seed N] [--idle-timeout-ms N ...]`: N providers on
 * loopback for implementations in other processes or languages, plus the
 * negative-variant hosts for their TLS checks, until SIGINT or SIGTERM.
 * Each is a full reference provider on real time. An `--out` that cannot be
 * written is a usage error (one line on stderr, exit 2).
 *
 * @example
 * await serveCommand(parseArgs(['--providers', '2', '--out', dir], []), io, (stop) => setTimeout(stop, 1000));
 */
export async function serveCommand(args: ParsedArgs, io: CliIo, trigger: StopTrigger = onSignals): Promise<number> {
  onlyOptions(args, ['providers', 'out', 'seed', 'peers', 'peers-timeout-ms', ...Object.keys(LIMIT_FLAGS)]);
  const count = intOption(args, 'providers', 3);
  if (count < 1 || count > 1000) throw new UsageError('--providers must be between 1 and 1000');
  const out = stringOption(args, 'out', 'mimi-serve');
  let served: Awaited<ReturnType<typeof startServing>>;
  try {
    const peers = args.options.has('peers') ? { peersDir: stringOption(args, 'peers', ''), peersTimeoutMs: intOption(args, 'peers-timeout-ms', 30_000) } : {};
    served = await startServing(count, out, intOption(args, 'seed', 1), limitsOf(args), { ...peers, control: true });
  } catch (error) {
    if (error instanceof RangeError) throw new UsageError(error.message);
    if (!(error instanceof OutDirectoryError)) throw error;
    io.err(`mimi-harness serve: ${error.message}`);
    return EXIT.usage;
  }
  const { network, hosts } = served;
  io.out(
    `serving ${count} providers and ${VARIANT_HOSTS.length} negative-variant hosts on 127.0.0.1 (${Object.keys(hosts).length} names); wrote ${join(out, 'ca.pem')}, ${join(out, 'hosts.json')} and ${join(out, 'target.json')}; control API for ${providerNames(1).domain} at ${served.controlUrl ?? '?'}`,
  );
  await new Promise<void>((resolve) => {
    trigger(resolve);
  });
  await served.closeControl();
  await network.dispose();
  io.out('stopped');
  return EXIT.ok;
}
