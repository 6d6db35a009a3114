import { referenceTarget, wrapTarget, type Target } from '../../harness/conformance/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../harness/provider/index.js';
import type { PlantedBug } from './planted-bug.js';

/** A reference provider that enforces `enforced` but declares the defaults (profile §14): its declared budgets lie. */
const declaringDefaults = (domain: string, name: string, enforced: RateLimits): Target => ({ ...referenceTarget({ domain, name, rateLimits: enforced }), budgets: DEFAULT_RATE_LIMITS });

/** Every budget of the defaults with one token less at once: it limits one request too early. */
const ONE_TOO_EARLY: RateLimits = Object.fromEntries(Object.entries(DEFAULT_RATE_LIMITS).map(([path, kinds]) => [path, Object.fromEntries(Object.entries(kinds).map(([kind, budget]) => [kind, { ...budget, burst: budget.burst - 1 }]))]));

/** Planted bug: a 429 without its Retry-After (profile §10 makes it part of the answer). */
const noRetryAfter = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (response.status !== 429) return response;
  const headers = new Headers(response.headers);
  headers.delete('retry-after');
  return new Response(await response.arrayBuffer(), { status: 429, headers });
};

/** Planted bug: every caller looks like one address, so the per-source limit is one bucket for all. */
const oneAddress = (inner: FetchHandler): FetchHandler => (request, info) => inner(request, { ...info, remoteAddress: '198.51.100.1' });

/** Planted bug: once a source address got a 429 on a path, it gets that 429 again forever (the bucket never refills). */
const neverRecovers = (inner: FetchHandler): FetchHandler => {
  const refused = new Map<string, { readonly body: ArrayBuffer; readonly headers: Headers }>();
  return async (request, info) => {
    const key = `${info.remoteAddress} ${new URL(request.url).pathname}`;
    const kept = refused.get(key);
    if (kept !== undefined) return new Response(kept.body.slice(0), { status: 429, headers: kept.headers });
    const response = await inner(request, info);
    if (response.status !== 429) return response;
    const body = await response.arrayBuffer();
    refused.set(key, { body, headers: new Headers(response.headers) });
    return new Response(body.slice(0), { status: 429, headers: response.headers });
  };
};

const wrapped = (name: string, caughtBy: readonly string[], wrap: (inner: FetchHandler) => FetchHandler): PlantedBug => ({ name, caughtBy, target: (domain) => wrapTarget(referenceTarget({ domain }), name, wrap) });

/** Planted bugs the rate-limit checks catch (transport draft "Rate-limiting", profile §10, §14). */
export const RATE_LIMIT_PLANTED: readonly PlantedBug[] = [
  { name: 'never rate-limits', caughtBy: ['rate-limit.source.triggers-at-budget', 'rate-limit.source.isolates', 'rate-limit.source.recovers'], target: (domain) => declaringDefaults(domain, 'never rate-limits', {}) },
  { name: 'rate-limits one request too early', caughtBy: ['rate-limit.source.triggers-at-budget'], target: (domain) => declaringDefaults(domain, 'limits one too early', ONE_TOO_EARLY) },
  wrapped('answers 429 without Retry-After', ['rate-limit.source.triggers-at-budget', 'rate-limit.source.recovers'], noRetryAfter),
  wrapped('one rate-limit bucket for every source address', ['rate-limit.source.isolates'], oneAddress),
  wrapped('a rate limit never recovers', ['rate-limit.source.recovers'], neverRecovers),
  { name: 'applies a commit it refuses for the member rate limit', caughtBy: ['rate-limit.refusal-changes-nothing'], target: (domain) => referenceTarget({ domain, name: 'applies the refused commit', defects: { appliesRateLimitedCommit: true } }) },
];
