import { encode } from '../../harness/codec/index.js';
import { declaredBudget, judgeLimit, limitAnswer, MAX_FLOOD, spreadSource, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { dsRequest, type ClientId } from '../../harness/messages/index.js';

const PATH = '/group_operation';

/** An anonymous ds_key_packages naming one client (profile §8): anyone may send it. */
const keyPackagesFor = (client: ClientId) => encode(dsRequest, { version: 1, request_body: { request_type: 'ds_key_packages', key_packages_request: { client_identifiers: [client] } }, authentication_data: { auth_type: 'anonymous' } });

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const budget = declaredBudget(ctx, PATH, 'key_package');
  if (budget === undefined || budget.burst > MAX_FLOOD) return { status: 'skip', expected: `a declared key_package budget of at most ${MAX_FLOOD} on ${PATH}`, actual: budget === undefined ? 'none declared' : `burst ${budget.burst}` };
  if (ctx.control === undefined) return { status: 'unsupported', expected: 'a control interface to give the target clients with KeyPackages', actual: 'none' };
  // Clients of the target with more KeyPackages than the budget and no last-resort one, so past the budget only 429 is left (profile §14).
  const user = (name: string): ClientId => ({ user: { user_name: name, domain: ctx.target.domain }, client_name: 'phone' });
  const victim = await ctx.control.createClient(user('drained'), { keyPackages: budget.burst + 3, lastResort: false });
  const bystander = await ctx.control.createClient(user('bystander'), { keyPackages: 2, lastResort: false });
  const url = `https://${ctx.target.dsDomain}${PATH}`;
  return judgeLimit(ctx, {
    what: "anonymous ds_key_packages requests for one client's KeyPackages (spread over source addresses)",
    budget,
    send: (i) => limitAnswer(ctx, { source: spreadSource(ctx, PATH, 'rate-limit-drainer', i), url, method: 'POST', body: keyPackagesFor(victim.id) }),
    other: { what: "the same request for another client's KeyPackages", send: () => limitAnswer(ctx, { source: 'rate-limit-other-drainer', url, method: 'POST', body: keyPackagesFor(bystander.id) }) },
  });
}

/**
 * Profile §8 (the anonymous KeyPackage retrieval: "a DS MUST bound what it
 * uses up for it") and §14 KeyPackage budgets: anonymous requests use up at
 * most the declared burst of one client's KeyPackages; with no last-resort
 * KeyPackage the next gets 429 with Retry-After; another client is still
 * served; the budget recovers on the virtual clock.
 *
 * @example
 * await runCatalog({ target, checks: [keyPackagePerClient], seed: 1 });
 */
export const keyPackagePerClient: Check = {
  id: 'rate-limit.key-package.per-client',
  section: 'DS draft "Fetch KeyPackages of one or more clients"; PROFILE §8, §14 KeyPackage budgets',
  quote: 'A client with KeyPackages left but no last-resort one and no budget gets rate_limited (429, Retry-After until its next token)',
  level: 'PROFILE',
  role: 'ds',
  needs: ['budgets', 'control'],
  run,
};
