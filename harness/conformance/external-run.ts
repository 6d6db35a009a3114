import type { Network } from '../network/index.js';
import type { Check, CheckVerdict } from './check.js';
import { probeDiscovery } from './external-target.js';
import type { Target } from './target.js';

/** The needs an external target cannot meet, and why (docs/EXTERNAL.md "Testing your provider as an external target"). */
const EXTERNAL_LIMITS: Partial<Record<NonNullable<Check['needs']>[number], string>> = {
  'target-time': 'an external target runs on real time: the harness cannot move its clock (rate-limit recovery, retries and expiry at the target)',
  'target-crash': 'the harness cannot crash and restart a target in another process',
  'fresh-target': 'an external target keeps its state across the run; this check needs a target no earlier check touched',
};

/**
 * Why a check is not run against this target: its config declares it
 * unsupported, or it is external and the check needs what only an
 * in-process target offers; undefined if it can run.
 *
 * @example
 * externalNeed(target, check) // { status: 'skip', ... } for a 'target-time' check against an external target
 */
export function externalNeed(target: Target, check: Check): CheckVerdict | undefined {
  const declared = target.unsupported?.[check.id];
  if (declared !== undefined) return { status: 'unsupported', expected: 'a target that implements this rule', actual: `the target's config: ${declared}` };
  if (target.remote === undefined) return undefined;
  for (const need of check.needs ?? []) {
    const why = EXTERNAL_LIMITS[need];
    if (why !== undefined) return { status: 'skip', expected: `a target whose ${need === 'target-time' ? 'time the harness moves' : need === 'target-crash' ? 'process the harness runs' : 'state is fresh'}`, actual: why };
  }
  return undefined;
}

/**
 * Puts an external target on a check's network: its provider and DS names
 * as remote hosts at their loopback origins, and the run-wide peer fronts
 * routing the target's requests into this network.
 *
 * @example
 * await externalSetup(network, target);
 */
export async function externalSetup(network: Network, target: Target): Promise<void> {
  const remote = target.remote;
  if (remote === undefined) throw new Error(`${target.name} is not an external target`);
  await network.addRemoteHost({ name: target.domain, origin: remote.providerOrigin, caPem: remote.caPem });
  await network.addRemoteHost({ name: target.dsDomain, origin: remote.dsOrigin, caPem: remote.caPem });
  remote.fronts?.attach(network, target.domain);
}

/** Thrown inside the runner when a check runs past its real-time limit. */
class CheckTimeout extends Error {}

/**
 * The check's verdict, or `fail` "timed out after N ms" once `timeoutMs` of
 * real time have passed (the runner then disposes its network and goes on).
 * Real time the check spent in deliberate waits (`waitedMs()`: realWait's
 * refills and Retry-Afters) is added to the limit, so a slow machine does
 * not turn a check's own waiting into a timeout of the target.
 *
 * @example
 * const verdict = await withCheckTimeout(check.run(ctx), 30_000, () => ctx.realWaits?.waitedMs ?? 0);
 */
export async function withCheckTimeout(run: Promise<CheckVerdict>, timeoutMs: number, waitedMs: () => number = () => 0): Promise<CheckVerdict> {
  const started = Date.now();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    const arm = (): void => {
      const left = started + timeoutMs + waitedMs() - Date.now();
      timer = left > 0 ? setTimeout(arm, left) : undefined;
      if (left <= 0) reject(new CheckTimeout());
    };
    arm();
  });
  try {
    return await Promise.race([run, timeout]);
  } catch (error) {
    if (error instanceof CheckTimeout) {
      const waited = waitedMs();
      const plus = waited > 0 ? ` (plus ${waited} ms of its own real-time waits for the target's clock)` : '';
      return { status: 'fail', expected: `the check to finish within ${timeoutMs} ms${plus}`, actual: `timed out after ${timeoutMs} ms${plus}` };
    }
    throw error;
  } finally {
    clearTimeout(timer);
    run.catch(() => undefined);
  }
}

/**
 * After a check of an external target that timed out or failed with an
 * error of the transport, whether the target's discovery still answers (for
 * the result's evidence and the run's health line); undefined otherwise.
 *
 * @example
 * const health = await healthAfter(target, verdict); // 'discovery answered 200'
 */
export async function healthAfter(target: Target, verdict: CheckVerdict): Promise<string | undefined> {
  if (target.remote === undefined || verdict.status !== 'fail') return undefined;
  const actual = verdict.actual ?? '';
  if (!/timed out after|ECONN|ETIMEDOUT|EPROTO|ERR_SSL|ERR_TLS|socket hang up|fetch failed|the check to run/.test(actual) && verdict.expected !== 'the check to run to its verdict') return undefined;
  const probe = await probeDiscovery(target);
  return probe.ok ? `discovery answered ${probe.status}` : `discovery did not answer: ${probe.error}`;
}
