import { judgeLimit, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { sourceProbe } from './source-probe.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const probe = sourceProbe(ctx);
  if ('status' in probe) return probe;
  return judgeLimit(ctx, { what: probe.what, budget: probe.budget, send: () => probe.send('rate-limit-flooder'), recover: false });
}

/**
 * Transport draft "Rate-limiting" (rate-limiting based on sender IP);
 * profile §10, §14: exactly the declared burst of requests from one source
 * address is accepted, and the next is refused with 429 `rate_limited` and
 * a Retry-After of whole seconds. The virtual clock stands still meanwhile.
 *
 * @example
 * await runCatalog({ target, checks: [sourceTriggersAtBudget], seed: 1 });
 */
export const sourceTriggersAtBudget: Check = {
  id: 'rate-limit.source.triggers-at-budget',
  section: 'transport draft "Rate-limiting"; PROFILE §10, §14 Rate limits',
  quote: 'traditional rate-limiting (e.g. based on sender IP) can be applied',
  level: 'PROFILE',
  role: 'ds',
  needs: ['budgets', 'fresh-target'],
  run,
};
