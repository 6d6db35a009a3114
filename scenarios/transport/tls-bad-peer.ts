import { groupOnTarget, settleTarget, settleUntil, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import type { HostTls } from '../../harness/network/index.js';

/** The bad TLS a guest presents, one round each (issue 10 §3 adversarial: "1.2 only, wrong host, untrusted CA, expired"). */
const BAD_TLS: readonly { readonly label: string; readonly tls: HostTls }[] = [
  { label: 'TLS 1.2 only', tls: { tlsMaxVersion: 'TLSv1.2' } },
  { label: 'a certificate for another host', tls: { certificate: 'wrong-host' } },
  { label: 'a certificate from an untrusted CA', tls: { certificate: 'untrusted-ca' } },
  { label: 'an expired certificate', tls: { certificate: 'expired' } },
];

/** Virtual time the guest stays bad in each round: several of any sane retry schedule's attempts. */
const BAD_FOR_MS = 5_000;

/** Virtual time after the guest is good again: past the longest backoff a retrying outbox should reach in 5 s. */
const HEALED_FOR_MS = 65_000;

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice', peer: 0 }, { user: 'bob', peer: 1 }]);
  const [alice, bob] = world.members;
  const guest = ctx.peers[1];
  if (alice === undefined || bob === undefined || guest === undefined) throw new Error('the group lost a member');
  const expected = `while ${guest.domain} presents bad TLS (${BAD_TLS.map((b) => b.label).join('; ')}), no /deliver_message from the target completes there; once it is good again, each message arrives exactly once`;
  const seen: string[] = [];
  for (const [round, bad] of BAD_TLS.entries()) {
    const text = `through bad TLS, round ${round + 1}`;
    const mark = ctx.network.trace.length;
    ctx.network.setHostTls(guest.domain, bad.tls);
    await alice.send(world.group, text);
    await settleTarget(ctx, [], { virtualMs: BAD_FOR_MS });
    const toGuest = ctx.network.trace.slice(mark).filter((e) => e.source === ctx.target.domain && (e.destination === guest.dsDomain || e.destination === guest.domain));
    const completed = toGuest.filter((e) => e.path === '/deliver_message' && e.status !== null);
    const refused = toGuest.filter((e) => e.error !== null);
    if (completed.length > 0) return { status: 'fail', expected, actual: `${bad.label}: ${completed.length} /deliver_message request(s) completed (status ${completed.map((e) => e.status).join(', ')}), so the target's TLS client accepted it` };
    ctx.network.setHostTls(guest.domain, undefined);
    // An external target retries on its own clock: wait (bounded, real time) until the message is there.
    await settleUntil(ctx, [bob], () => bob.received.some((m) => m.text === text), { virtualMs: HEALED_FOR_MS });
    const arrived = bob.received.filter((m) => m.text === text).length;
    if (refused.length === 0) return { status: 'skip', expected, actual: `${bad.label}: the target made no attempt towards ${guest.domain} in ${BAD_FOR_MS} ms, so its behaviour under a TLS failure was not exercised` };
    if (arrived !== 1) return { status: 'fail', expected, actual: `${bad.label}: ${refused.length} attempt(s) failed (${[...new Set(refused.map((e) => e.error))].join(', ')}); after the guest was good again the message arrived ${arrived} time(s)` };
    seen.push(`${bad.label}: ${refused.length} failed (${[...new Set(refused.map((e) => e.error))].join(', ')}), then once`);
  }
  return { status: 'pass', expected, actual: seen.join('; ') };
}

/**
 * Transport draft "Transport Security and Authentication" with the target
 * as the client: its fan-out to a guest that presents bad TLS (TLS 1.2 only,
 * a wrong-host, untrusted or expired certificate) must not complete, and
 * must not be lost: once the guest is good again the message arrives exactly
 * once (profile §13, §14 outbox).
 *
 * @note What this judges, honestly: for an in-process target the outgoing
 * TLS client is the harness network's own, so the refusal of the bad peer is
 * the harness's doing; what is the target's is its retry and durability
 * under TLS failure (nothing lost, nothing doubled), and that no request
 * reached the bad peer. Over sockets against an outside implementation the
 * refusal is its own TLS client's, and is judged too.
 *
 * @example
 * await runChecks({ target, checks: [tlsBadPeer], seed: 1 });
 */
export const tlsBadPeer: Check = {
  id: 'transport.tls.bad-peer',
  section: 'Transport draft "Transport Security and Authentication"; PROFILE §13, §14 Fan-out',
  quote: 'All HTTP queries described in this document MUST use TLS with version 1.3 or higher ... rely on HTTPS to authenticate the recipient',
  level: 'MUST',
  role: 'ds',
  needs: ['tls'],
  run,
};
