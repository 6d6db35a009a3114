import { judgeLimit, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { sourceProbe } from './source-probe.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const probe = sourceProbe(ctx);
  if ('status' in probe) return probe;
  return judgeLimit(ctx, {
    what: probe.what,
    budget: probe.budget,
    send: () => probe.send('rate-limit-flooder'),
    exact: false,
    retryAfter: false,
    recover: false,
    other: { what: 'the same request from another source address', send: () => probe.send('rate-limit-bystander') },
  });
}

/**
 * Transport draft "Rate-limiting"; profile §14 (token buckets per path,
 * kind and key): a source address that is over its limit does not block
 * another one; the other's request is accepted while the flooder is refused.
 *
 * @example
 * await runCatalog({ target, checks: [sourceIsolates], seed: 1 });
 */
export const sourceIsolates: Check = {
  id: 'rate-limit.source.isolates',
  section: 'transport draft "Rate-limiting"; PROFILE §14 Rate limits',
  quote: 'Token buckets on the provider\'s clock, per (path, kind, key)',
  level: 'PROFILE',
  role: 'ds',
  needs: ['budgets', 'fresh-target'],
  run,
};
