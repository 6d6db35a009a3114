import { captured, decodeQs, guestWorld, harnessClient, outcomeOf, persona, refusedByGuest, sameBytes, settleTarget, type Check, type CheckContext, type CheckVerdict, type Persona, type WireOutcome } from '../../harness/conformance/index.js';
import type { TraceEntry } from '../../harness/network/index.js';

const FIRST_ANSWER = 'the first answer again';

function last(entries: readonly TraceEntry[], what: string): TraceEntry {
  const entry = entries[entries.length - 1];
  if (entry === undefined) throw new Error(`nothing captured: ${what}`);
  return entry;
}

/** Sends a captured request again, byte for byte, from the persona; `FIRST_ANSWER` if it got the same status and body as the first time (profile §13). */
async function replay(ctx: CheckContext, mallory: Persona, entry: TraceEntry, carrier: string): Promise<WireOutcome> {
  const answer = await mallory.send(entry.destination, entry.path, entry.request);
  if (answer.status === entry.status && entry.response !== null && sameBytes(answer.body, entry.response)) return { status: answer.status, code: FIRST_ANSWER, detail: '' };
  const outcome = outcomeOf(carrier, answer);
  return outcome.code === 'ok' ? { ...outcome, detail: 'a 200 with another body than the first answer' } : outcome;
}

const SECTION = 'PROFILE §13 Replay and idempotency';
const QUOTE = 'A repeat with identical bytes gets the first answer again (same status, same body), and nothing is delivered again.';

/**
 * Issue 10 §3: a replayed fan-out. The harness DS's delivery of alice's
 * message to the target is captured and sent again, byte for byte, by
 * the persona: the first answer again, and nothing queued twice.
 *
 * @example
 * await runCatalog({ target, checks: [replayedFanOut], seed: 1 });
 */
export const replayedFanOut: Check = {
  id: 'adversarial.replay.fan-out',
  section: SECTION,
  quote: QUOTE,
  level: 'MUST',
  role: 'qs',
  needs: ['control'],
  alternatives: ['the first answer again, nothing queued'],
  async run(ctx) {
    const world = await guestWorld(ctx);
    const entry = last(captured(ctx, { path: '/deliver_message', source: world.ds.domain, destination: ctx.target.dsDomain }), 'the harness DS\'s delivery to the target');
    return refusedByGuest(ctx, world, { what: 'the owning DS\'s delivery, replayed byte for byte', permitted: [{ status: 200, code: FIRST_ANSWER }], attempt: () => replay(ctx, world.mallory, entry, 'QueueingServiceResponse') });
  },
};

/**
 * Profile §13: a repeat of a (sender, message_id) with other content is
 * refused. The harness DS signs the Welcome it delivered earlier under the
 * message_id of its later delivery.
 *
 * @example
 * await runCatalog({ target, checks: [reusedMessageId], seed: 1 });
 */
export const reusedMessageId: Check = {
  id: 'adversarial.replay.reused-message-id',
  section: SECTION,
  quote: 'A repeat with other content gets duplicate_message_id (409).',
  level: 'MUST',
  role: 'qs',
  needs: ['control'],
  alternatives: ['409 duplicate_message_id'],
  async run(ctx) {
    const world = await guestWorld(ctx);
    const [welcome, message] = captured(ctx, { path: '/deliver_message', source: world.ds.domain, destination: ctx.target.dsDomain }).map((e) => decodeQs(e.request).fanout_request);
    if (welcome === undefined || message === undefined) throw new Error('the harness DS sent the target no Welcome and message');
    const body = await world.mallory.fanout({ ...message, message_id: message.message_id, mls_message: welcome.mls_message }, 'deliver_message', { signKey: world.ds.provider.signingKey.signKey });
    return refusedByGuest(ctx, world, { what: `the owning DS's message_id ${message.message_id} again, with other content`, permitted: [{ status: 409, code: 'duplicate_message_id' }], attempt: async () => outcomeOf('QueueingServiceResponse', await world.mallory.send(ctx.target.dsDomain, '/deliver_message', body)) });
  },
};

/**
 * Issue 10 §3: a replayed KeyPackage request. The harness DS's
 * GroupKeyPackageRequest for the target's client (when alice added it) is
 * sent again by the persona: the first answer, the same KeyPackage, and
 * none used up a second time (profile §13).
 *
 * @example
 * await runCatalog({ target, checks: [replayedKeyPackageRequest], seed: 1 });
 */
export const replayedKeyPackageRequest: Check = {
  id: 'adversarial.replay.key-package-request',
  section: SECTION,
  quote: 'A KeyPackage handed out in a remembered answer is not used up a second time by a repeat.',
  level: 'MUST',
  role: 'endpoint',
  needs: ['control'],
  alternatives: ['the first answer again'],
  async run(ctx) {
    const world = await guestWorld(ctx);
    const entry = last(captured(ctx, { path: '/group_key_packages', source: world.ds.domain, destination: ctx.target.dsDomain }), 'the harness DS\'s GroupKeyPackageRequest');
    const expected = 'the GroupKeyPackageRequest replayed byte for byte: the first answer again (the same KeyPackage)';
    const outcome = await replay(ctx, world.mallory, entry, 'GroupKeyPackageResponse');
    if (outcome.code !== FIRST_ANSWER) return { status: 'fail', expected, actual: `${outcome.status} ${outcome.code} ${outcome.detail}` };
    return { status: 'pass', expected, actual: FIRST_ANSWER };
  },
};

/** The harness's alice (peer 0) connects to carol, the target's client (DS draft "Connection establishment flow"). */
async function connectionWorld(ctx: CheckContext) {
  if (ctx.control === undefined) throw new Error('needs the control interface');
  const carol = await ctx.control.createClient({ user: { user_name: 'carol', domain: ctx.target.domain }, client_name: 'phone' });
  const ds = ctx.peers[0];
  if (ds === undefined) throw new Error('no harness peer 0');
  const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
  const group = await alice.connect(carol.id.user);
  await settleTarget(ctx);
  await carol.sync();
  if (carol.epoch(group) === undefined) throw new Error(`the target's client did not join the connection group (failures: ${carol.failures.join('; ') || 'none'})`);
  return { carol, ds, mallory: persona(ctx, 1) };
}

async function connectionReplay(ctx: CheckContext, path: '/connection_request' | '/connection_key_packages'): Promise<CheckVerdict> {
  const world = await connectionWorld(ctx);
  const entry = last(captured(ctx, { path, source: world.ds.domain, destination: ctx.target.dsDomain }), `the harness DS's ${path}`);
  const expected = `the harness DS's ${path} replayed byte for byte: the first answer again, nothing queued for the target's client`;
  const outcome = await replay(ctx, world.mallory, entry, path === '/connection_request' ? 'QueueingServiceResponse' : 'ConnectionKeyPackageResponse');
  if (outcome.code !== FIRST_ANSWER) return { status: 'fail', expected, actual: `${outcome.status} ${outcome.code} ${outcome.detail}` };
  await settleTarget(ctx);
  const taken = await world.carol.sync();
  if (taken > 0) return { status: 'fail', expected, actual: `${FIRST_ANSWER}, but ${taken} message(s) were queued for the target's client` };
  return { status: 'pass', expected, actual: `${FIRST_ANSWER}; nothing queued` };
}

/**
 * Issue 10 §3: a replayed connection request. alice (at the harness DS)
 * connects to the target's client; the persona sends the captured
 * connection request again: the first answer, nothing queued twice.
 *
 * @example
 * await runCatalog({ target, checks: [replayedConnectionRequest], seed: 1 });
 */
export const replayedConnectionRequest: Check = {
  id: 'adversarial.replay.connection-request',
  section: `${SECTION}; transport draft "Deliver Connection Request"`,
  quote: QUOTE,
  level: 'MUST',
  role: 'qs',
  needs: ['control'],
  alternatives: ['the first answer again, nothing queued'],
  run: (ctx) => connectionReplay(ctx, '/connection_request'),
};

/**
 * Issue 10 §3: a replayed ConnectionKeyPackageRequest. The target's client
 * had one connection KeyPackage; the replay gets the same one again, not
 * `no_key_packages` (profile §13).
 *
 * @example
 * await runCatalog({ target, checks: [replayedConnectionKeyPackageRequest], seed: 1 });
 */
export const replayedConnectionKeyPackageRequest: Check = {
  id: 'adversarial.replay.connection-key-package-request',
  section: `${SECTION}; transport draft "Connection KeyPackage Retrieval"`,
  quote: 'A KeyPackage handed out in a remembered answer is not used up a second time by a repeat.',
  level: 'MUST',
  role: 'endpoint',
  needs: ['control'],
  alternatives: ['the first answer again'],
  run: (ctx) => connectionReplay(ctx, '/connection_key_packages'),
};
