import { referenceTarget, wrapTarget, type Target } from '../../harness/conformance/index.js';
import type { FetchHandler } from '../../harness/network/index.js';
import { DEFAULT_RATE_LIMITS, type RateLimits } from '../../harness/provider/index.js';
import type { PlantedBug } from './planted-bug.js';

/** A reference provider that enforces `enforced` but declares `declared` (profile §14): its declared budgets lie. */
const declaring = (domain: string, name: string, enforced: RateLimits, declared: RateLimits): Target => ({ ...referenceTarget({ domain, name, rateLimits: enforced }), budgets: declared });

/**
 * What the provider that never rate-limits declares: small budgets on every
 * limit the checks judge, so that each check shows the missing limit after
 * a handful of requests instead of a default burst of 100 (what a target
 * that enforces nothing declares makes no difference to other checks).
 */
const SMALL: RateLimits = {
  '/verification_key': { source: { burst: 5, perSecond: 1 } },
  '/group_operation': { member: { burst: 5, perSecond: 1 }, key_package: { burst: 3, perSecond: 1 / 360 } },
  '/welcome_information': { group: { burst: 5, perSecond: 1 } },
  '/external_commit_information': { group: { burst: 5, perSecond: 1 } },
};

/** The defaults with one token less at once per source address on /verification_key: it limits one request too early. */
const ONE_TOO_EARLY: RateLimits = { ...DEFAULT_RATE_LIMITS, '/verification_key': { source: { burst: 99, perSecond: 50 } } };

/** Planted bug: every 429 says Retry-After 1, however long the bucket needs for its next token (profile §10, §14: the whole seconds until one token is back). */
const retryAfterOne = (inner: FetchHandler): FetchHandler => async (request, info) => {
  const response = await inner(request, info);
  if (response.status !== 429) return response;
  const headers = new Headers(response.headers);
  headers.set('retry-after', '1');
  return new Response(await response.arrayBuffer(), { status: 429, headers });
};

/** Only on /verification_key, so that only the per-source checks (which flood it) meet the defect. */
const onVerificationKey = (wrap: (inner: FetchHandler) => FetchHandler) => (inner: FetchHandler): FetchHandler => {
  const wrapped = wrap(inner);
  return (request, info) => (new URL(request.url).pathname === '/verification_key' ? wrapped(request, info) : inner(request, info));
};

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

const ALL = ['rate-limit.source.triggers-at-budget', 'rate-limit.source.isolates', 'rate-limit.source.recovers', 'rate-limit.welcome-information.per-group', 'rate-limit.external-commit-information.per-group', 'rate-limit.group-operation.per-member', 'rate-limit.refusal-changes-nothing', 'rate-limit.key-package.per-client'];

const wrapped = (name: string, caughtBy: readonly string[], wrap: (inner: FetchHandler) => FetchHandler): PlantedBug => ({ name, caughtBy, target: (domain) => wrapTarget(referenceTarget({ domain }), name, wrap) });

/** Planted bugs the rate-limit checks catch (transport draft "Rate-limiting", profile §10, §14). */
export const RATE_LIMIT_PLANTED: readonly PlantedBug[] = [
  { name: 'never rate-limits', caughtBy: [...ALL, 'adversarial.key-package-drain'], target: (domain) => declaring(domain, 'never rate-limits', {}, SMALL) },
  { name: 'rate-limits a source one request too early', caughtBy: ['rate-limit.source.triggers-at-budget'], target: (domain) => declaring(domain, 'limits one too early', ONE_TOO_EARLY, DEFAULT_RATE_LIMITS) },
  wrapped('answers 429 without Retry-After', ['rate-limit.source.triggers-at-budget', 'rate-limit.source.recovers'], onVerificationKey(noRetryAfter)),
  wrapped('one rate-limit bucket for every source address', ['rate-limit.source.isolates'], oneAddress),
  wrapped('a rate limit never recovers', ['rate-limit.source.recovers'], onVerificationKey(neverRecovers)),
  wrapped('says Retry-After 1 whatever the refill', ['rate-limit.key-package.per-client'], retryAfterOne),
  { name: 'one rate-limit bucket for every group', caughtBy: ['rate-limit.welcome-information.per-group', 'rate-limit.external-commit-information.per-group'], target: (domain) => referenceTarget({ domain, name: 'one bucket for every group', defects: { oneBucketForAllGroups: true } }) },
  { name: 'one rate-limit bucket for every member of a group', caughtBy: ['rate-limit.group-operation.per-member', 'rate-limit.refusal-changes-nothing'], target: (domain) => referenceTarget({ domain, name: 'one bucket for every member', defects: { oneBucketForAllMembers: true } }) },
  { name: 'applies a commit it refuses for the member rate limit', caughtBy: ['rate-limit.refusal-changes-nothing'], target: (domain) => referenceTarget({ domain, name: 'applies the refused commit', defects: { appliesRateLimitedCommit: true } }) },
];
