import { createNetwork, type Network } from '../network/index.js';
import { createProvider } from '../provider/index.js';
import { FEDERATION_START } from '../scenario/index.js';
import type { Check, CheckResult, CheckVerdict, Peer, TargetAddress } from './check.js';
import type { Target } from './target.js';

/** The harness's own reference peers on every check's network. */
export const PEER_DOMAINS: readonly string[] = ['peer-a.test', 'peer-b.test'];

/** Options for {@link runChecks}. */
export interface RunChecksOptions {
  readonly target: Target;
  readonly checks: readonly Check[];
  readonly seed: number;
}

function seededBytes(network: Network, label: string): (n: number) => Uint8Array {
  const rng = network.rng.fork(label);
  return (n) => Uint8Array.from({ length: n }, () => rng.int(0, 255));
}

async function addPeer(network: Network, domain: string): Promise<Peer> {
  const provider = await createProvider({ domain, dsDomain: `ds.${domain}`, clock: network.clock, spawn: (task) => { network.spawn(domain, task); }, randomBytes: seededBytes(network, `peer ${domain}`) });
  await network.addHost({ names: [provider.domain, provider.dsDomain], start: () => (request, info) => provider.fetch(request, info), stop: () => { provider.stop(); } });
  return { domain: provider.domain, dsDomain: provider.dsDomain, provider };
}

async function runOne(target: Target, check: Check, seed: number): Promise<CheckResult> {
  // A fresh network per check, real TLS on the virtual clock: no check sees another's state.
  const network = createNetwork({ seed, transport: 'tls', startTime: FEDERATION_START });
  let verdict: CheckVerdict;
  try {
    await network.addHost({
      names: [target.domain, target.dsDomain],
      start: (durable) => target.start(durable, { clock: network.clock, spawn: (task) => { network.spawn(target.domain, task); }, randomBytes: seededBytes(network, `target ${target.domain}`) }),
    });
    const peers: Peer[] = [];
    for (const domain of PEER_DOMAINS) peers.push(await addPeer(network, domain));
    const address: TargetAddress = { name: target.name, domain: target.domain, dsDomain: target.dsDomain };
    verdict = await check.run({ network, target: address, peers, seed });
  } catch (error) {
    // A check that throws is a failure with the error as what was seen, never a crash of the run.
    verdict = { status: 'fail', expected: 'the check to run to its verdict', actual: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
  const exchanges = network.traceJson({ decodeBodies: true });
  try {
    await network.dispose();
  } catch (error) {
    if (verdict.status !== 'fail') verdict = { status: 'fail', expected: 'nothing leaves the simulated network', actual: error instanceof Error ? error.message : String(error) };
  }
  return {
    id: check.id,
    status: verdict.status,
    evidence: { exchanges, ...(verdict.expected === undefined ? {} : { expected: verdict.expected }), ...(verdict.actual === undefined ? {} : { actual: verdict.actual }) },
  };
}

/**
 * Runs checks against a target (issue 10 §2), one at a time in catalog
 * order, each on its own network with the target as one host and the
 * harness's reference peers ({@link PEER_DOMAINS}) as the others. Every
 * result carries the exchanges of its network, bodies decoded.
 *
 * @example
 * const results = await runChecks({ target: referenceTarget({ domain: 'target.test' }), checks: CATALOG, seed: 1 });
 */
export async function runChecks(options: RunChecksOptions): Promise<CheckResult[]> {
  const results: CheckResult[] = [];
  for (const check of options.checks) results.push(await runOne(options.target, check, options.seed));
  return results;
}
