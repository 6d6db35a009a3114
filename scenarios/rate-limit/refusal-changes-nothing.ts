import { declaredBudget, describeAnswer, dsAttempt, floodUntilRefused, groupOnTarget, isRateLimited, limitAnswer, MAX_FLOOD, memberMessages, refusedWithoutEffect, spreadSource, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit } from '../../harness/mls/index.js';
import { embedded } from '../../harness/scenario/index.js';

const PATH = '/group_operation';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const budget = declaredBudget(ctx, PATH, 'member');
  if (budget === undefined || budget.burst > MAX_FLOOD || budget.perSecond <= 0) return { status: 'skip', expected: `a declared per-member budget of at most ${MAX_FLOOD} on ${PATH} that refills`, actual: budget === undefined ? 'none declared' : `burst ${budget.burst}` };
  // A group of one: her flood fans nothing out, and the served GroupInfo shows whether a commit was applied.
  const world = await groupOnTarget(ctx, [{ user: 'alice' }]);
  const [alice] = world.members;
  const member = alice?.member(world.group);
  if (alice === undefined || member === undefined) throw new Error('the group lost its creator');
  // Alice's application messages spend her per-member budget (on a full bucket) until the target refuses one.
  await ctx.network.advance(Math.ceil((budget.burst / budget.perSecond) * 1000));
  const messages = memberMessages(alice, world.group);
  const url = `https://${ctx.target.dsDomain}${PATH}`;
  const flood = await floodUntilRefused(async (i) => limitAnswer(ctx, { source: spreadSource(ctx, PATH, 'rate-limit-member', i), url, method: 'POST', body: await messages.next() }), budget.burst + 1);
  const refusal = flood.firstRefused === undefined ? undefined : flood.answers[flood.firstRefused];
  const expected = `alice's update commit, sent while she is over her per-member limit: 429 rate_limited and the group unchanged; the same commit accepted once the budget refilled`;
  if (refusal === undefined || !isRateLimited(refusal)) return { status: 'fail', expected, actual: refusal === undefined ? `all ${budget.burst + 1} messages accepted: alice never reached a limit` : `message ${(flood.firstRefused ?? 0) + 1} got ${describeAnswer(refusal)}` };
  // An update commit of the epoch every member is at (DS draft "Update a client"): valid but for the limit.
  const out = await commit(member);
  const body = { request_type: 'ds_update_client', update_client_request: { group_update: { commit: embedded(out.commit), partial_group_info: out.partialGroupInfo } } } as const;
  const verdict = await refusedWithoutEffect(ctx, {
    group: world.group,
    what: 'an update commit by a member over her per-member limit',
    attempt: () => dsAttempt(ctx, world.group, alice, body),
    permitted: [{ status: 429, code: 'rate_limited' }],
    nextValid: async () => {
      // The declared refill of one token, in whole seconds: the same commit is valid then, since the refused one changed nothing.
      await ctx.network.advance(Math.ceil(1 / budget.perSecond) * 1000);
      return dsAttempt(ctx, world.group, alice, body);
    },
  });
  return { ...verdict, actual: `alice's message ${(flood.firstRefused ?? 0) + 1} got ${describeAnswer(refusal)}; then her commit: ${verdict.actual ?? ''}` };
}

/**
 * Profile §14 ("a refusal takes no token and changes nothing"); issue 10 §3
 * ("changes nothing while refusing"): a valid commit refused by the
 * per-member limit is not applied — the served GroupInfo is unchanged, no
 * fan-out goes out — and the same commit is accepted once the member's
 * budget has refilled on the virtual clock.
 *
 * @example
 * await runCatalog({ target, checks: [refusalChangesNothing], seed: 1 });
 */
export const refusalChangesNothing: Check = {
  id: 'rate-limit.refusal-changes-nothing',
  section: 'transport draft "Rate-limiting"; PROFILE §14 Rate limits',
  quote: 'a refusal takes no token and changes nothing',
  level: 'PROFILE',
  role: 'ds',
  needs: ['budgets', 'target-time'],
  run,
};
