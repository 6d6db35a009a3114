import { groupOnTarget, settleTarget, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice', peer: 0 }, { user: 'bob', peer: 1 }, { user: 'carol', peer: 1 }]);
  const [alice, bob, carol] = world.members;
  if (alice === undefined || bob === undefined || carol === undefined) throw new Error('the group lost a member');
  const expected = 'bob and carol each receive "hello" exactly once; nothing comes back to alice, the sender';
  await alice.send(world.group, 'hello');
  await settleTarget(ctx);
  const echoed = await alice.sync();
  await settleTarget(ctx, [bob, carol]);
  const got = (c: typeof bob) => c.received.filter((m) => m.text === 'hello').length;
  if (echoed > 0) return { status: 'fail', expected, actual: `alice's queue got ${echoed} message(s) back` };
  if (got(bob) !== 1 || got(carol) !== 1) return { status: 'fail', expected, actual: `bob received it ${got(bob)} time(s), carol ${got(carol)}` };
  return { status: 'pass', expected, actual: 'each once; nothing echoed' };
}

/**
 * DS draft "Send an application message to a group" and "Server to server
 * requests": the DS fans an application message out to every member but
 * the sender (profile §14 "Fan-out"); each other member gets it once.
 *
 * @example
 * await runCatalog({ target, checks: [sendMessageFanOut], seed: 1 });
 */
export const sendMessageFanOut: Check = {
  id: 'ds.send-message.fan-out',
  section: 'DS draft "Send an application message to a group", "Server to server requests"; PROFILE §14 Fan-out',
  quote: 'a self-remove proposal, and an application message, to every member but the sender',
  level: 'PROFILE',
  role: 'ds',
  run,
};
