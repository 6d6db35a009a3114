import https from 'node:https';
import { loopbackOrigin, type PeerFronts } from '../network/index.js';
import type { RateLimits } from '../provider/index.js';
import { httpControl } from './control-http.js';
import type { Target } from './target.js';

// Captured at load, before any network intercepts node:https: readiness and health probes go straight to the target.
const originalHttpsRequest = https.request;

/** Where an external target listens and how it is verified (issue 11 §1). */
export interface RemoteTarget {
  /** `https://127.0.0.1:PORT` of its provider domain. */
  readonly providerOrigin: string;
  /** `https://127.0.0.1:PORT` of its DS domain. */
  readonly dsOrigin: string;
  /** The CA its certificates chain to (PEM). */
  readonly caPem: string;
  /** The run-wide fronts of the harness peers it reaches (set by the caller that started them). */
  readonly fronts?: PeerFronts;
  /** The control API's URL (`--control`, docs/ADAPTER.md). */
  readonly controlUrl?: string;
}

/** Everything a target config says about an external target (docs/schemas/target-config.schema.json). */
export interface ExternalTargetConfig {
  readonly name?: string;
  readonly domain: string;
  readonly dsDomain: string;
  readonly providerOrigin: string;
  readonly dsOrigin: string;
  readonly caPem: string;
  readonly budgets?: RateLimits;
  readonly controlUrl?: string;
  readonly unsupported?: Readonly<Record<string, string>>;
  readonly expectedFailures?: Readonly<Record<string, string>>;
}

/**
 * An external target: the same catalog, reached over real TLS on loopback
 * in another process. Origins must be loopback (`loopbackOrigin` throws otherwise).
 *
 * @example
 * const target = externalTarget({ domain: 'provider1.test', dsDomain: 'ds.provider1.test', providerOrigin: 'https://127.0.0.1:8443', dsOrigin: 'https://127.0.0.1:8443', caPem }, fronts);
 */
export function externalTarget(config: ExternalTargetConfig, fronts?: PeerFronts): Target {
  loopbackOrigin(config.providerOrigin);
  loopbackOrigin(config.dsOrigin);
  const controlUrl = config.controlUrl;
  return {
    name: config.name ?? config.domain,
    domain: config.domain,
    dsDomain: config.dsDomain,
    start: () => {
      throw new Error(`${config.domain} is an external target: it runs in another process`);
    },
    remote: { providerOrigin: config.providerOrigin, dsOrigin: config.dsOrigin, caPem: config.caPem, ...(fronts === undefined ? {} : { fronts }), ...(controlUrl === undefined ? {} : { controlUrl }) },
    // Its clients act through its control API (issue 11 §2, docs/ADAPTER.md).
    ...(controlUrl === undefined ? {} : { control: () => httpControl(controlUrl) }),
    ...(config.budgets === undefined ? {} : { budgets: config.budgets }),
    ...(config.unsupported === undefined ? {} : { unsupported: config.unsupported }),
    ...(config.expectedFailures === undefined ? {} : { expectedFailures: config.expectedFailures }),
  };
}

/** What a GET of the target's discovery endpoint gave: its status, or why there was none. */
export type HealthProbe = { readonly ok: true; readonly status: number } | { readonly ok: false; readonly error: string };

/**
 * GET /.well-known/mimi/ds-domain (profile §11) at the target's provider
 * origin over real TLS (SNI = its domain, its CA, TLS 1.3), bounded in real time.
 *
 * @example
 * const health = await probeDiscovery(target, 2_000); // { ok: true, status: 200 }
 */
export function probeDiscovery(target: Pick<Target, 'domain' | 'remote'>, timeoutMs = 2_000): Promise<HealthProbe> {
  const remote = target.remote;
  if (remote === undefined) return Promise.resolve({ ok: false, error: 'not an external target' });
  const origin = loopbackOrigin(remote.providerOrigin);
  return new Promise((resolve) => {
    const req = originalHttpsRequest({ host: origin.host, port: origin.port, servername: target.domain, path: '/.well-known/mimi/ds-domain', method: 'GET', headers: { host: target.domain }, ca: remote.caPem, minVersion: 'TLSv1.3', agent: false }, (res) => {
      res.resume();
      res.once('end', () => { resolve({ ok: true, status: res.statusCode ?? 0 }); });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', (error: Error & { code?: string }) => { resolve({ ok: false, error: `${error.code ?? error.name}: ${error.message}` }); });
    req.end();
  });
}

/** The target did not answer discovery within the ready timeout. */
export class TargetNotReadyError extends Error {
  override readonly name = 'TargetNotReadyError';
}

/**
 * Polls the target's discovery endpoint until it answers 200 (a 503 while it starts is not ready),
 * at most `timeoutMs` of real time; throws {@link TargetNotReadyError} with the last error otherwise.
 *
 * @example
 * await waitUntilReady(target, 30_000);
 */
export async function waitUntilReady(target: Pick<Target, 'domain' | 'remote'>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const probe = await probeDiscovery(target, Math.max(100, Math.min(2_000, deadline - Date.now())));
    if (probe.ok && probe.status === 200) return;
    const last = probe.ok ? `status ${probe.status}` : probe.error;
    if (Date.now() >= deadline) throw new TargetNotReadyError(`the target ${target.domain} at ${target.remote?.providerOrigin ?? '?'} did not answer GET /.well-known/mimi/ds-domain with 200 within ${timeoutMs} ms (last: ${last})`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
