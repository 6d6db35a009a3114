import { judgeLimit, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { sourceProbe } from './source-probe.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const probe = sourceProbe(ctx);
  if ('status' in probe) return probe;
  return judgeLimit(ctx, { what: probe.what, budget: probe.budget, send: () => probe.send('rate-limit-flooder'), exact: false });
}

/**
 * Profile §10 (`Retry-After` in whole seconds, rounded up) and §14 (a
 * refusal takes no token): a source refused for its rate stays refused
 * until the declared refill can have brought a token back, and is accepted
 * again once the Retry-After it was given has passed on the virtual clock.
 *
 * @example
 * await runCatalog({ target, checks: [sourceRecovers], seed: 1 });
 */
export const sourceRecovers: Check = {
  id: 'rate-limit.source.recovers',
  section: 'PROFILE §10 HTTP semantics, §14 Rate limits',
  quote: '429 rate_limited, Retry-After in whole seconds, rounded up',
  level: 'PROFILE',
  role: 'ds',
  needs: ['budgets', 'target-time'],
  run,
};
