import { declaredBudget, externalCommitInfoRequest, harnessClient, judgeLimit, limitAnswer, MAX_FLOOD, settleTarget, spreadSource, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const PATH = '/external_commit_information';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const budget = declaredBudget(ctx, PATH, 'group');
  if (budget === undefined || budget.burst > MAX_FLOOD) return { status: 'skip', expected: `a declared per-group budget of at most ${MAX_FLOOD} on ${PATH}`, actual: budget === undefined ? 'none declared' : `burst ${budget.burst}` };
  const alice = await harnessClient(ctx, { user: 'alice' });
  const flooded = await alice.createGroup('regular', { dsDomain: ctx.target.dsDomain });
  const other = await alice.createGroup('regular', { dsDomain: ctx.target.dsDomain });
  await settleTarget(ctx);
  const url = `https://${ctx.target.dsDomain}${PATH}`;
  return judgeLimit(ctx, {
    what: 'anonymous ds_external_commit_info requests for one group (GET with a body, spread over source addresses)',
    budget,
    send: (i) => limitAnswer(ctx, { source: spreadSource(ctx, PATH, 'rate-limit-outsider', i), url, method: 'GET', body: externalCommitInfoRequest(flooded) }),
    other: { what: 'the same request for another group', send: () => limitAnswer(ctx, { source: 'rate-limit-other-outsider', url, method: 'GET', body: externalCommitInfoRequest(other) }) },
  });
}

/**
 * Profile §8 (external_commit_info: "The DS MUST rate-limit these requests
 * per group_id") and §14: anonymous requests for one group's GroupInfo are
 * answered up to the declared per-group burst, whatever their source, the
 * next gets 429 with Retry-After, another group is still served, and the
 * group recovers on the virtual clock.
 *
 * @example
 * await runCatalog({ target, checks: [externalCommitInformationPerGroup], seed: 1 });
 */
export const externalCommitInformationPerGroup: Check = {
  id: 'rate-limit.external-commit-information.per-group',
  section: 'transport draft "Rate-limiting"; PROFILE §8, §10, §14 Rate limits',
  quote: 'The DS MUST rate-limit these requests per group_id',
  level: 'MUST',
  role: 'ds',
  needs: ['budgets'],
  run,
};
