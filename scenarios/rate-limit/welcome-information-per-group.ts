import { declaredBudget, harnessClient, judgeLimit, leafOf, limitAnswer, MAX_FLOOD, settleTarget, spreadSource, welcomeInfoRequest, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { epochIn } from '../../harness/scenario/index.js';

const PATH = '/welcome_information';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const budget = declaredBudget(ctx, PATH, 'group');
  if (budget === undefined || budget.burst > MAX_FLOOD) return { status: 'skip', expected: `a declared per-group budget of at most ${MAX_FLOOD} on ${PATH}`, actual: budget === undefined ? 'none declared' : `burst ${budget.burst}` };
  // Two groups on the target's DS, each with a client added that has not joined yet: its
  // ds_welcome_info is fully valid (profile §4, §8), so it reaches the per-group limit.
  const alice = await harnessClient(ctx, { user: 'alice' });
  const bob = await harnessClient(ctx, { user: 'bob', peer: 1 });
  const carol = await harnessClient(ctx, { user: 'carol', peer: 1 });
  const flooded = await alice.createGroup('regular', { dsDomain: ctx.target.dsDomain });
  const other = await alice.createGroup('regular', { dsDomain: ctx.target.dsDomain });
  await alice.addUsers(flooded, [bob.id]);
  await alice.addUsers(other, [carol.id]);
  await settleTarget(ctx);
  const bobLeaf = leafOf(alice.member(flooded), bob);
  const carolLeaf = leafOf(alice.member(other), carol);
  const epoch = epochIn(alice, flooded);
  const otherEpoch = epochIn(alice, other);
  if (bobLeaf === undefined || carolLeaf === undefined || epoch === undefined || otherEpoch === undefined) throw new Error('alice does not see the clients she added');
  const bobAsks = await welcomeInfoRequest(bob, flooded, epoch, bobLeaf);
  const carolAsks = await welcomeInfoRequest(carol, other, otherEpoch, carolLeaf);
  const url = `https://${ctx.target.dsDomain}${PATH}`;
  return judgeLimit(ctx, {
    what: `ds_welcome_info requests for one group (GET with a body, spread over source addresses)`,
    budget,
    // Spread over source addresses below their own limit, so that only the per-group limit can refuse.
    send: (i) => limitAnswer(ctx, { source: spreadSource(ctx, PATH, 'rate-limit-joiner', i), url, method: 'GET', body: bobAsks }),
    other: { what: 'the same request for another group', send: () => limitAnswer(ctx, { source: 'rate-limit-other-joiner', url, method: 'GET', body: carolAsks }) },
  });
}

/**
 * Transport draft "Rate-limiting" (rate-limiting based on the Group ID, in
 * the case of /welcome_information); profile §14: valid joiners' requests
 * for one group are accepted up to the declared per-group burst, whatever
 * their source address, the next gets 429 with Retry-After, another group
 * is still served, and the group recovers on the virtual clock.
 *
 * @example
 * await runCatalog({ target, checks: [welcomeInformationPerGroup], seed: 1 });
 */
export const welcomeInformationPerGroup: Check = {
  id: 'rate-limit.welcome-information.per-group',
  section: 'transport draft "Rate-limiting"; PROFILE §4, §10, §14 Rate limits',
  quote: 'rate-limiting based on information in the message body such as Group ID (e.g. in the case of the /welcome_information endpoint)',
  level: 'PROFILE',
  role: 'ds',
  needs: ['budgets'],
  run,
};
