import { declaredBudget, groupOnTarget, judgeLimit, limitAnswer, MAX_FLOOD, memberMessages, spreadSource, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const PATH = '/group_operation';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const budget = declaredBudget(ctx, PATH, 'member');
  if (budget === undefined || budget.burst > MAX_FLOOD) return { status: 'skip', expected: `a declared per-member budget of at most ${MAX_FLOOD} on ${PATH}`, actual: budget === undefined ? 'none declared' : `burst ${budget.burst}` };
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const [alice, bob] = world.members;
  if (alice === undefined || bob === undefined) throw new Error('the group lost a member');
  // Application messages (DS draft "Send an application message"), each new and valid, signed by the member (profile §8).
  const flood = memberMessages(alice, world.group);
  const bystander = memberMessages(bob, world.group);
  const url = `https://${ctx.target.dsDomain}${PATH}`;
  return judgeLimit(ctx, {
    what: "ds_send_message requests of one member (alice's, spread over source addresses)",
    budget,
    send: async (i) => limitAnswer(ctx, { source: spreadSource(ctx, PATH, 'rate-limit-member', i), url, method: 'POST', body: await flood.next() }),
    other: { what: "a ds_send_message of another member of the same group (bob's)", send: async () => limitAnswer(ctx, { source: 'rate-limit-other-member', url, method: 'POST', body: await bystander.next() }) },
  });
}

/**
 * Transport draft "Rate-limiting" (rate-limiting based on the group member,
 * in the case of /group_operation); profile §14: one member's valid
 * messages are accepted up to the declared per-member burst, whatever
 * their source address, the next gets 429 with Retry-After, another member
 * of the same group is still served, and the member recovers on the
 * virtual clock.
 *
 * @example
 * await runCatalog({ target, checks: [groupOperationPerMember], seed: 1 });
 */
export const groupOperationPerMember: Check = {
  id: 'rate-limit.group-operation.per-member',
  section: 'transport draft "Rate-limiting"; PROFILE §10, §14 Rate limits',
  quote: 'rate-limiting based on information in the message body such as ... group member (in the case of the /group_operation endpoint)',
  level: 'PROFILE',
  role: 'ds',
  needs: ['budgets'],
  run,
};
