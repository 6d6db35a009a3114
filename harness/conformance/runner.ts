import { performance } from 'node:perf_hooks';
import { createNetwork, type DurableState, type Network, type TransportMode } from '../network/index.js';
import { createProvider } from '../provider/index.js';
import { FEDERATION_START, providerHost } from '../scenario/index.js';
import type { Check, CheckContext, CheckResult, CheckVerdict, Peer, TargetAddress } from './check.js';
import type { Target } from './target.js';
import { externalNeed, externalSetup, withCheckTimeout, healthAfter } from './external-run.js';
import { externalPeerDomains } from './external-peers.js';
import { PEER_DOMAINS } from './peer-domains.js';
import { runInWorkers } from './parallel-run.js';
import { replayCommand } from './replay-command.js';
import type { WorkerRecipe } from './worker-recipe.js';

export { PEER_DOMAINS, replayCommand };

/** Options for {@link runCatalog}. */
export interface RunCatalogOptions {
  readonly target: Target;
  readonly checks: readonly Check[];
  readonly seed: number;
  /** Default `tls`; `direct` skips the checks that need TLS, and says so. */
  readonly transport?: TransportMode;
  /** A fast-check path for a property check to replay (with a single check). */
  readonly path?: string;
  /** Runs per property check (default: each check's own). */
  readonly numRuns?: number;
  /** Real-time limit per check (default 30000): a check that does not finish is `fail`, "timed out after N ms", and the run goes on. */
  readonly checkTimeoutMs?: number;
  /** Called after each check, in catalog order (with workers too): progress for a console. */
  readonly onResult?: (result: CheckResult, index: number, total: number) => void;
  /**
   * Worker threads to run the checks on (default 1: in this thread, one
   * check after another). With more, `recipe` must say how a worker
   * rebuilds the target and the checks, since a Target holds functions and
   * cannot cross threads; the results are the same for any number
   * (durations aside), in catalog order. An external target always runs
   * in this thread: its peer fronts are this process's listeners.
   */
  readonly workers?: number;
  /** How a worker thread rebuilds `target` and finds `checks` by id (needed when `workers` > 1). */
  readonly recipe?: WorkerRecipe;
}

/** The first slice's name for {@link RunCatalogOptions}. */
export type RunChecksOptions = RunCatalogOptions;

function seededBytes(network: Network, label: string): (n: number) => Uint8Array {
  const rng = network.rng.fork(label);
  return (n) => Uint8Array.from({ length: n }, () => rng.int(0, 255));
}

/**
 * The first message_id of a check's harness peers (profile §13): 1 for an
 * in-process target, which is fresh per check; for an external target, which
 * remembers every id of the run (and of earlier runs), ids past any used
 * before: the real time in ms, shifted so each check has 2^16 ids of its own.
 */
const firstMessageId = (target: Target): bigint => (target.remote === undefined ? 1n : BigInt(Date.now()) << 16n);

async function addPeer(network: Network, domain: string, firstId: bigint): Promise<Peer> {
  const provider = await createProvider({ domain, dsDomain: `ds.${domain}`, clock: network.clock, spawn: (task) => { network.spawn(domain, task); }, randomBytes: seededBytes(network, `peer ${domain}`), firstMessageId: firstId });
  // A network restart is a process restart: the provider comes back from its durable state (its outbox resumes).
  await network.addHost(providerHost(provider));
  return { domain: provider.domain, dsDomain: provider.dsDomain, provider, firstMessageId: firstId };
}

const describeError = (error: unknown): string => (error instanceof Error ? `${error.name}: ${error.message}` : String(error));

/** Why a check cannot run against this target on this transport, or undefined if it can. */
function unmetNeed(target: Target, check: Check, transport: TransportMode): CheckVerdict | undefined {
  const needs = check.needs ?? [];
  if (needs.includes('control') && target.control === undefined) return { status: 'unsupported', expected: 'a target with a control interface', actual: `${target.name} has none` };
  if (needs.includes('budgets') && target.budgets === undefined) return { status: 'unsupported', expected: 'a target that declares its rate-limit budgets', actual: `${target.name} declares none` };
  if (needs.includes('tls') && transport === 'direct') return { status: 'skip', expected: 'a transport with TLS', actual: 'the direct transport has no TLS' };
  const external = externalNeed(target, check);
  if (external !== undefined) return external;
  const peers = check.peers ?? 2;
  if (peers > PEER_DOMAINS.length) return { status: 'skip', expected: `${peers} harness peers`, actual: `at most ${PEER_DOMAINS.length}` };
  return undefined;
}

async function runOne(options: RunCatalogOptions, check: Check, transport: TransportMode): Promise<CheckResult> {
  const { target, seed } = options;
  const started = performance.now();
  // A fresh network per check on the virtual clock: no check sees another's state.
  // An external target runs on real time: the harness's virtual clock starts at the real now, so that what it issues (KeyPackage lifetimes) is valid there.
  const network = createNetwork({ seed, transport, startTime: target.remote === undefined ? FEDERATION_START : Math.floor(Date.now() / 1000) * 1000 });
  let verdict: CheckVerdict | undefined = unmetNeed(target, check, transport);
  if (verdict === undefined) {
    try {
      let disk: DurableState | undefined;
      const tls = target.tls ?? {};
      if (target.remote !== undefined) {
        await externalSetup(network, target);
        // An external target's "disk" is its own; its control interface (the control API) needs none of ours.
        disk = new Map();
      }
      else await network.addHost({
        names: [target.domain, target.dsDomain],
        // What the target declares its listener presents and accepts (TargetTls); the TLS checks probe it.
        ...(tls.minVersion === undefined ? {} : { tlsMinVersion: tls.minVersion }),
        ...(tls.certificate === undefined ? {} : { certificate: tls.certificate }),
        ...(tls.certificateNames === undefined ? {} : { certificateNames: tls.certificateNames }),
        // A crash stops the target's process (its background work too), as a real crash would.
        stop: () => { if (disk !== undefined) target.stop?.(disk); },
        start: (durable) => {
          disk = durable;
          return target.start(durable, { clock: network.clock, spawn: (task) => { network.spawn(target.domain, task); }, randomBytes: seededBytes(network, `target ${target.domain}`) });
        },
      });
      const peers: Peer[] = [];
      const firstId = firstMessageId(target);
      // An external target keeps its state across checks: each check's peers have names of their own (external-peers.ts).
      const peerDomains = target.remote === undefined ? PEER_DOMAINS : externalPeerDomains(check.id);
      for (const domain of peerDomains.slice(0, check.peers ?? 2)) peers.push(await addPeer(network, domain, firstId));
      const byDomain = new Map(peers.map((p) => [p.domain, p.provider]));
      const address: TargetAddress = { name: target.name, domain: target.domain, dsDomain: target.dsDomain, ...(target.budgets === undefined ? {} : { budgets: target.budgets }) };
      const ctx: CheckContext = {
        network,
        transport,
        target: address,
        peers,
        home: {
          network,
          provider(domain) {
            const found = byDomain.get(domain);
            if (found === undefined) throw new Error(`${domain} is not a harness peer of this check (peers: ${[...byDomain.keys()].join(', ')})`);
            return found;
          },
        },
        ...(target.control === undefined || disk === undefined ? {} : { control: target.control(disk, network) }),
        seed,
        ...(options.path === undefined ? {} : { path: options.path }),
        ...(options.numRuns === undefined ? {} : { numRuns: options.numRuns }),
        ...(target.remote === undefined ? {} : { external: true, realWaits: { waitedMs: 0 }, targetQuiet: (quietOptions: { readonly fromNow?: boolean } = {}) => target.remote?.fronts?.quiet(quietOptions) ?? Promise.resolve() }),
      };
      verdict = await withCheckTimeout(check.run(ctx), options.checkTimeoutMs ?? 30_000, () => ctx.realWaits?.waitedMs ?? 0);
    } catch (error) {
      // A check that throws is a failure with the error as what was seen, never a crash of the run.
      verdict = { status: 'fail', expected: 'the check to run to its verdict', actual: describeError(error) };
    }
  }
  // After a timeout or an error, an external target's health: does its discovery still answer?
  const health = await healthAfter(target, verdict);
  target.remote?.fronts?.attach(undefined, target.domain);
  const exchanges = network.traceJson({ decodeBodies: true });
  const traceHash = network.traceHash({ bodies: false });
  try {
    await network.dispose();
  } catch (error) {
    if (verdict.status !== 'fail') verdict = { status: 'fail', expected: 'nothing leaves the simulated network', actual: error instanceof Error ? error.message : String(error) };
  }
  return {
    id: check.id,
    section: check.section,
    level: check.level,
    status: verdict.status,
    seed,
    durationMs: Math.round(performance.now() - started),
    traceHash,
    evidence: { exchanges, ...(verdict.expected === undefined ? {} : { expected: verdict.expected }), ...(verdict.actual === undefined ? {} : { actual: verdict.actual }), ...(health === undefined ? {} : { targetHealth: health }) },
    replay: replayCommand(check.id, seed, transport, verdict.path),
    ...(verdict.status === 'fail' && target.expectedFailures?.[check.id] !== undefined ? { expectedFailure: target.expectedFailures[check.id] } : {}),
  };
}

/**
 * Runs checks against a target (issue 10 §2, §5), one at a time in catalog
 * order (or on `workers` threads, issue 13 §4), each on its own network with the target as one host and the
 * harness's reference peers ({@link PEER_DOMAINS}) as the others. Every
 * result carries the exchanges of its network, bodies decoded. A check
 * whose needs the target does not meet is `unsupported` (or `skip` for a
 * transport without TLS), never a silent pass.
 *
 * @example
 * const results = await runCatalog({ target: referenceTarget({ domain: 'target.test' }), checks: CATALOG, seed: 1 });
 */
export async function runCatalog(options: RunCatalogOptions): Promise<CheckResult[]> {
  const transport = options.transport ?? 'tls';
  const workers = options.workers ?? 1;
  if (!Number.isInteger(workers) || workers < 1) throw new RangeError(`workers must be a positive integer, not ${workers}`);
  if (workers > 1 && options.checks.length > 1) {
    if (options.recipe === undefined) throw new TypeError('runCatalog with workers > 1 needs a recipe: a Target holds functions and cannot be posted to a worker thread (WorkerRecipe)');
    if (options.target.remote !== undefined) throw new TypeError('an external target runs with workers: 1: its peer fronts are listeners of this thread (docs/EXTERNAL.md)');
    return runInWorkers({ ...options, transport, workers, recipe: options.recipe });
  }
  const results: CheckResult[] = [];
  for (const [index, check] of options.checks.entries()) {
    const result = await runOne(options, check, transport);
    results.push(result);
    options.onResult?.(result, index, options.checks.length);
  }
  return results;
}

/** The first slice's name for {@link runCatalog}. @example await runChecks({ target, checks, seed: 1 }); */
export const runChecks = runCatalog;

/**
 * The checks whose id matches a glob (`*` any run of characters, `?` one),
 * in catalog order; several globs separated by commas match any of them.
 *
 * @example
 * selectChecks(CATALOG, 'forwarding.*') // every forwarding check
 */
export function selectChecks(checks: readonly Check[], glob: string): Check[] {
  const patterns = glob.split(',').map((part) => part.trim()).filter((part) => part.length > 0).map((part) => new RegExp(`^${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`));
  return checks.filter((check) => patterns.some((pattern) => pattern.test(check.id)));
}
