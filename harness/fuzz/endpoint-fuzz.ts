/**
 * `fuzzEndpoints`: the endpoint fuzzer as a library (docs/FUZZING.md
 * "Endpoint fuzzing", issue 12 §3). The campaign runs as one check of the
 * conformance runner, so that it gets what a check gets: the target on the
 * network (in-process on the virtual clock, or external over loopback TLS),
 * the harness peers the target trusts, and its control interface if any.
 */
import { runCatalog, type Check, type Target } from '../conformance/index.js';
import type { TransportMode } from '../network/index.js';
import { fuzzEndpointsOn, type EndpointCampaign, type EndpointCampaignOptions } from './endpoint-run.js';
import { ENDPOINTS } from '../messages/index.js';

/** Every endpoint of the transport draft with a request body, in the draft's order. @example FUZZ_ENDPOINTS.length // 8 */
export const FUZZ_ENDPOINTS: readonly string[] = ENDPOINTS.filter((e) => e.request !== null).map((e) => e.path);

/** Options of {@link fuzzEndpoints}. */
export interface EndpointFuzzOptions extends EndpointCampaignOptions {
  readonly transport?: TransportMode;
}

/** The campaign, and how the run went when it did not get to its end. */
export interface EndpointFuzzSummary extends EndpointCampaign {
  readonly seed: number;
  readonly durationMs: number;
  /** Why the campaign stopped short (it threw, or the target went away), if it did. */
  readonly aborted?: string;
}

/**
 * Fuzzes the endpoints of `target` and returns the counts and the minimized findings.
 *
 * @example
 * const summary = await fuzzEndpoints(referenceTarget({ domain: 'target.test' }), { endpoints: ['/group_key_packages'], seed: 1, runs: 64 });
 */
export async function fuzzEndpoints(target: Target, options: EndpointFuzzOptions): Promise<EndpointFuzzSummary> {
  const started = Date.now();
  let campaign: EndpointCampaign | undefined;
  const check: Check = {
    id: 'fuzz.endpoints',
    section: 'issue 12 §3; PROFILE §10, §6',
    quote: 'Bad input MUST NOT cause a 5xx … A refused request MUST NOT store, forward or change anything',
    level: 'PROFILE',
    role: 'endpoint',
    async run(ctx) {
      campaign = await fuzzEndpointsOn(ctx, options);
      return { status: campaign.findings.length === 0 ? 'pass' : 'fail' };
    },
  };
  // The campaign's own budget bounds it; the runner's per-check timeout only catches a target that stops answering.
  const [result] = await runCatalog({ target, checks: [check], seed: options.seed, transport: options.transport ?? 'tls', checkTimeoutMs: (options.timeBudgetMs ?? 0) + 30 * 60_000 });
  const durationMs = Date.now() - started;
  if (campaign === undefined) return { seed: options.seed, durationMs, counts: {}, findings: [], aborted: result?.evidence.actual ?? 'the campaign did not run' };
  return { seed: options.seed, durationMs, ...campaign };
}
