import type { ClientId } from '../messages/index.js';
import { agreesWithDs } from '../mls/index.js';
import type { Federation } from './federation.js';
import { createVirtualClient, type VirtualClient } from './virtual-client.js';

/** The providers of the 3-provider lifecycle. */
export const LIFECYCLE_PROVIDERS = [{ domain: 'alpha.test' }, { domain: 'beta.test' }, { domain: 'gamma.test' }] as const;

/** What the lifecycle left behind, for its summary and its checks. */
export interface LifecycleResult {
  readonly group: Uint8Array;
  readonly clients: readonly VirtualClient[];
  /** Application messages each client must have received, in order. */
  readonly expected: ReadonlyMap<VirtualClient, readonly string[]>;
  /** Epochs the group went through at its DS before it was deleted. */
  readonly epochs: bigint;
  /** Problems found (clients off the DS's epoch, messages missing or doubled, failures); empty in a conformant run. */
  readonly problems: readonly string[];
}

const client = (user: string, domain: string, device = 'phone'): ClientId => ({ user: { user_name: user, domain }, client_name: device });

/**
 * The 3-provider lifecycle (issue 5 §7): alice@alpha creates a group,
 * invites bob@beta and carol@gamma, they talk, bob adds his laptop, alice
 * removes carol, the laptop leaves by self-remove and comes back by external
 * commit, and alice deletes the group. After each step every member must be
 * at the DS's epoch; at the end every message must have arrived once.
 *
 * @example
 * const result = await runLifecycle(federation, (step) => console.log(step));
 */
export async function runLifecycle(federation: Federation, onStep: (step: string) => void = () => undefined): Promise<LifecycleResult> {
  const alice = await createVirtualClient(federation, client('alice', 'alpha.test'));
  const bob = await createVirtualClient(federation, client('bob', 'beta.test'));
  const laptop = await createVirtualClient(federation, client('bob', 'beta.test', 'laptop'));
  const carol = await createVirtualClient(federation, client('carol', 'gamma.test'));
  const clients = [alice, bob, laptop, carol];
  const owner = federation.provider('alpha.test');
  const problems: string[] = [];
  let epochs = 0n;
  let group: Uint8Array = new Uint8Array();
  const step = async (name: string, members: readonly VirtualClient[], run: () => Promise<unknown>): Promise<void> => {
    onStep(name);
    try {
      await run();
    } catch (error) {
      problems.push(`"${name}" failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    await federation.settle();
    for (const c of clients) await c.sync();
    const ds = owner.group(group);
    if (ds !== undefined) epochs = ds.groupContext.epoch;
    for (const m of members) {
      const member = m.member(group);
      const epoch = member?.state.groupContext.epoch;
      if (epoch !== ds?.groupContext.epoch) problems.push(`after "${name}": ${m.id.client_name}/${m.id.user.user_name} is at epoch ${String(epoch)}, the DS at ${String(ds?.groupContext.epoch)}`);
      else if (member !== undefined && ds !== undefined && !agreesWithDs(member, ds)) problems.push(`after "${name}": ${m.id.client_name}/${m.id.user.user_name} disagrees with the DS on the GroupContext or tree`);
    }
    for (const m of clients.filter((c) => !members.includes(c))) {
      if (m.member(group) !== undefined) problems.push(`after "${name}": ${m.id.client_name}/${m.id.user.user_name} should not be in the group`);
    }
  };
  await step('alice creates a group on ds.alpha.test', [alice], async () => {
    group = await alice.createGroup();
  });
  await step('alice invites bob@beta.test and carol@gamma.test', [alice, bob, carol], () => alice.addUsers(group, [bob.id, carol.id]));
  await step('alice says hello', [alice, bob, carol], () => alice.send(group, 'hello from alpha'));
  await step('bob adds his laptop', [alice, bob, laptop, carol], () => bob.addClients(group, [laptop.id]));
  await step('carol answers', [alice, bob, laptop, carol], () => carol.send(group, 'hello from gamma'));
  await step('alice removes carol', [alice, bob, laptop], () => alice.removeUsers(group, [carol.id.user]));
  await step('the laptop leaves (self-remove)', [alice, bob, laptop], () => laptop.selfRemove(group));
  await step('alice commits the pending removal', [alice, bob], () => alice.update(group));
  await step('the laptop comes back by external commit', [alice, bob, laptop], () => laptop.externalJoin(group));
  await step('the laptop writes', [alice, bob, laptop], () => laptop.send(group, 'laptop is back'));
  await step('alice deletes the group', [], () => alice.deleteGroup(group));
  if (owner.group(group) !== undefined) problems.push('the DS still has the group after its deletion');
  const expected = new Map<VirtualClient, readonly string[]>([
    [alice, ['hello from gamma', 'laptop is back']],
    [bob, ['hello from alpha', 'hello from gamma', 'laptop is back']],
    [laptop, ['hello from gamma']],
    [carol, ['hello from alpha']],
  ]);
  for (const [c, texts] of expected) {
    const got = c.received.map((r) => r.text);
    if (JSON.stringify(got) !== JSON.stringify(texts)) problems.push(`${c.id.client_name}/${c.id.user.user_name} received ${JSON.stringify(got)}, expected ${JSON.stringify(texts)}`);
    for (const failure of c.failures) problems.push(`${c.id.client_name}/${c.id.user.user_name}: ${failure}`);
  }
  for (const p of federation.providers) for (const { entry, status } of p.outbox.store.refused) problems.push(`${p.domain}: ${entry.destination} refused a delivery with ${status}`);
  return { group, clients, expected, epochs, problems };
}
