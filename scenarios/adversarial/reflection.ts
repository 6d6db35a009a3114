import { asDsOutcome, groupOnTarget, lastSent, outcomeOf, persona, refusedWithoutEffect, settleTarget, type Check, type DsOutcome } from '../../harness/conformance/index.js';
import type { VirtualClient } from '../../harness/scenario/index.js';

/** Sends an application message and reports it as a DsOutcome (a refusal is what the error says). */
async function sent(client: VirtualClient, group: Uint8Array, text: string): Promise<DsOutcome> {
  try {
    await client.send(group, text);
    return { status: 200, code: 'ok', detail: '' };
  } catch (error) {
    return { status: 0, code: 'undecodable', detail: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * Issue 10 §3: a reflection back to its sender. The target, as the owning
 * DS, fans alice's message out to bob's provider; that provider's persona
 * sends the captured delivery back to the target, which is not its
 * recipient (profile §6 step 1). Nothing may change, and no fan-out loop start.
 *
 * @example
 * await runCatalog({ target, checks: [reflection], seed: 1 });
 */
export const reflection: Check = {
  id: 'adversarial.reflection',
  section: 'transport draft "Transport Security and Authentication"; PROFILE §6',
  quote: 'Check that recipient equals its own DS domain, before anything else once the body has decoded. Otherwise wrong_recipient (421).',
  level: 'MUST',
  role: 'ds',
  alternatives: ['421 wrong_recipient'],
  async run(ctx) {
    const world = await groupOnTarget(ctx, [{ user: 'alice', peer: 0 }, { user: 'bob', peer: 1 }]);
    const [alice, bob] = world.members;
    if (alice === undefined || bob === undefined) throw new Error('the group lost a member');
    await alice.send(world.group, 'hello');
    await settleTarget(ctx, [bob]);
    const mallory = persona(ctx, 1);
    const delivery = lastSent(ctx, ctx.target.domain, mallory.dsDomain, '/deliver_message');
    return refusedWithoutEffect(ctx, {
      group: world.group,
      what: `the target's own delivery to ${mallory.dsDomain}, sent back to it`,
      attempt: async () => asDsOutcome(outcomeOf('QueueingServiceResponse', await mallory.send(ctx.target.dsDomain, '/deliver_message', delivery.request))),
      permitted: [{ status: 421, code: 'wrong_recipient' }],
      nextValid: () => sent(alice, world.group, 'again'),
    });
  },
};
