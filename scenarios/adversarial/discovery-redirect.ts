import { http } from 'msw';
import { harnessClient, settleTarget, settleUntil, type Check, type CheckVerdict } from '../../harness/conformance/index.js';
import { DS_DOMAIN_PATH } from '../../harness/messages/index.js';

/**
 * Issue 10 §3: a discovery answer that points at an attacker's DS. bob's
 * provider (peer 1) answers discovery with a redirect to the attacker's
 * (peer 2) discovery, which names the attacker's DS. The target, as owning
 * DS, must not follow it (profile §11: a 3xx is a bad answer, redirects
 * are not followed, bad answers are not cached): nothing of bob's goes to
 * the attacker, and once bob's provider answers properly, his Welcome
 * reaches his own DS.
 *
 * @example
 * await runCatalog({ target, checks: [discoveryRedirect], seed: 1 });
 */
export const discoveryRedirect: Check = {
  id: 'adversarial.discovery-redirect',
  section: 'transport draft "Endpoint Discovery"; PROFILE §11',
  quote: 'a status other than 200 (a 3xx is bad too: redirects are not followed) ... is not cached',
  level: 'PROFILE',
  role: 'ds',
  peers: 3,
  alternatives: ['no request to the attacker; the Welcome delivered to bob\'s DS once discovery heals'],
  async run(ctx): Promise<CheckVerdict> {
    const [own, victim, attacker] = ctx.peers;
    if (own === undefined || victim === undefined || attacker === undefined) throw new Error('needs three harness peers');
    const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
    const bob = await harnessClient(ctx, { user: 'bob', peer: 1 });
    const group = await alice.createGroup('regular', { dsDomain: ctx.target.dsDomain });
    // alice's own provider learns bob's DS first (its cache lasts an hour), so only the target meets the redirect.
    await ctx.network.drive(ctx.network.run(own.domain, () => own.provider.requestGroupKeyPackages(alice.id.user, [{ ...bob.id, client_name: 'none' }]).catch(() => [])));
    victim.provider.use(http.get(`https://${victim.domain}${DS_DOMAIN_PATH}`, () => new Response(null, { status: 307, headers: { location: `https://${attacker.domain}${DS_DOMAIN_PATH}` } })));
    await alice.addUsers(group, [bob.id]);
    await settleTarget(ctx, [], { virtualMs: 10_000 });
    const expected = `no request from the target to ${attacker.domain} or ${attacker.dsDomain}; once ${victim.domain} answers discovery properly, bob's Welcome reaches ${victim.dsDomain}`;
    const toAttacker = () => ctx.network.trace.filter((e) => e.source === ctx.target.domain && (e.destination === attacker.domain || e.destination === attacker.dsDomain)).map((e) => `${e.method} ${e.destination}${e.path}`);
    if (toAttacker().length > 0) return { status: 'fail', expected, actual: `the target sent ${toAttacker().join(', ')}` };
    victim.provider.resetHandlers();
    // An external target retries on its own clock: wait for it (bounded, real time).
    await settleUntil(ctx, [bob], () => bob.member(group) !== undefined, { virtualMs: 60_000 });
    if (toAttacker().length > 0) return { status: 'fail', expected, actual: `the target sent ${toAttacker().join(', ')}` };
    if (bob.member(group) === undefined) return { status: 'fail', expected, actual: `bob never joined (failures: ${bob.failures.join('; ') || 'none'}): the target cached the bad answer or gave up` };
    return { status: 'pass', expected, actual: 'nothing to the attacker; bob joined after discovery healed' };
  },
};
