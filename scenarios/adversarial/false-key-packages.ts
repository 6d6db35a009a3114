import { http } from 'msw';
import { encode } from '../../harness/codec/index.js';
import { harnessClient, settleTarget, type Check, type CheckContext, type CheckVerdict, type ControlledClient, type Peer } from '../../harness/conformance/index.js';
import { groupKeyPackageResponse, type ClientId, type GroupKeyPackageResponse } from '../../harness/messages/index.js';

type KeyPackages = Extract<GroupKeyPackageResponse['response_body'], { response_type: 'ok' }>['key_packages'];

/** One false answer of bob's provider: what the target's client asks for, and what it is given instead. */
interface FalseAnswer {
  readonly what: string;
  readonly asked: readonly ClientId[];
  readonly answer: KeyPackages;
}

/** Bob's provider (a harness peer) answers every GroupKeyPackageRequest with `answer`, until its handlers are reset. */
function answersFalsely(peer: Peer, answer: KeyPackages): void {
  const body = encode(groupKeyPackageResponse, { protocol_version: 1, response_body: { response_type: 'ok', key_packages: [...answer] } });
  peer.provider.use(http.post(`https://${peer.dsDomain}/group_key_packages`, () => new Response(body, { status: 200, headers: { 'content-type': 'application/octet-stream' } })));
}

/** Whether the target's client refused to add with the false answer; what it did instead if not. */
async function tryFalse(carol: ControlledClient, group: Uint8Array, bobs: Peer, variant: FalseAnswer): Promise<string | undefined> {
  answersFalsely(bobs, variant.answer);
  try {
    await carol.addUsers(group, variant.asked);
  } catch {
    return undefined;
  } finally {
    bobs.provider.resetHandlers();
  }
  return `given ${variant.what}, the target's client added them (epoch ${carol.epoch(group) ?? 'none'})`;
}

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const control = ctx.control;
  const [asker, bobs] = ctx.peers;
  if (control === undefined || asker === undefined || bobs === undefined) throw new Error('needs the control interface and two harness peers');
  const expected = "the target's client refuses each false KeyPackage answer of bob's provider (another client's, a connection one, the wrong order, one too many): it reports a failure, its group stays at its epoch and no Welcome goes to bob's DS; the true answer then adds bob";
  const carol = await control.createClient({ user: { user_name: 'carol', domain: ctx.target.domain }, client_name: 'phone' });
  const phone = await harnessClient(ctx, { user: 'bob', peer: 1 });
  // Real KeyPackages of bob's clients, fetched by the other harness peer before bob's provider starts lying (profile §5).
  const requester = { user_name: 'prober', domain: asker.domain };
  const fetchAs = <T>(work: () => Promise<T>) => ctx.network.drive(ctx.network.run(asker.domain, work));
  const [phoneConnection] = await fetchAs(() => asker.provider.requestConnectionKeyPackages(requester, phone.id.user));
  const laptop = await harnessClient(ctx, { user: 'bob', peer: 1, device: 'laptop' });
  const [phoneKp, laptopKp] = await fetchAs(() => asker.provider.requestGroupKeyPackages(requester, [phone.id, laptop.id]));
  if (phoneConnection === undefined || phoneKp === undefined || laptopKp === undefined) throw new Error("bob's provider handed out no KeyPackages");
  const variants: FalseAnswer[] = [
    { what: "his laptop's KeyPackage when his phone's was asked for", asked: [phone.id], answer: [laptopKp] },
    { what: "his phone's connection KeyPackage when a regular one was asked for", asked: [phone.id], answer: [phoneConnection] },
    { what: "his laptop's and phone's KeyPackages when phone and laptop were asked for, in that order", asked: [phone.id, laptop.id], answer: [laptopKp, phoneKp] },
    { what: 'two KeyPackages when one client was asked for', asked: [phone.id], answer: [phoneKp, laptopKp] },
  ];
  const group = await carol.createGroup();
  const epoch = carol.epoch(group);
  const welcomesToBob = () => ctx.network.trace.filter((e) => (e.source === ctx.target.domain || e.source === ctx.target.dsDomain) && e.destination === bobs.dsDomain && e.path === '/deliver_message').length;
  for (const variant of variants) {
    const used = await tryFalse(carol, group, bobs, variant);
    if (used !== undefined) return { status: 'fail', expected, actual: used };
  }
  await settleTarget(ctx);
  await carol.sync();
  if (carol.epoch(group) !== epoch) return { status: 'fail', expected, actual: `every false answer was refused, but the group moved from epoch ${epoch ?? 'none'} to ${carol.epoch(group) ?? 'none'}` };
  if (welcomesToBob() > 0) return { status: 'fail', expected, actual: `every false answer was refused, but the target delivered ${welcomesToBob()} message(s) to ${bobs.dsDomain}` };
  try {
    await carol.addUsers(group, [phone.id]);
  } catch (error) {
    return { status: 'fail', expected, actual: `every false answer was refused, but so was the true one: ${error instanceof Error ? error.message : String(error)}` };
  }
  await settleTarget(ctx, [phone]);
  if (phone.member(group) === undefined) return { status: 'fail', expected, actual: `every false answer was refused; with the true one bob's phone did not join (failures: ${phone.failures.join('; ') || 'none'})` };
  return { status: 'pass', expected, actual: `${variants.length} false answers refused, the group stayed at epoch ${epoch ?? '?'}, nothing went to ${bobs.dsDomain}; the true answer added bob's phone` };
}

/**
 * Profile §14: "A client of the owning DS that fetches KeyPackages MUST
 * check the answer: one per requested client, in order, each of that
 * client and of the kind asked for; anything else is a bad answer" (§5:
 * "exactly one KeyPackage per entry of request.client_identifiers, in the
 * same order … Connection KeyPackages MUST NOT be returned here"). The
 * target's client creates a group on its DS and adds bob, a harness user;
 * bob's provider (a harness peer) answers the target's GroupKeyPackageRequest
 * falsely, with real KeyPackages of bob's clients in four wrong ways.
 *
 * @example
 * await runCatalog({ target, checks: [falseKeyPackages], seed: 1 });
 */
export const falseKeyPackages: Check = {
  id: 'adversarial.false-key-package-answer',
  section: 'transport draft "Group KeyPackage Retrieval"; PROFILE §14 (a client of the owning DS), §5 Key packages',
  quote: 'A client of the owning DS that fetches KeyPackages MUST check the answer: one per requested client, in order, each of that client and of the kind asked for; anything else is a bad answer.',
  level: 'PROFILE',
  role: 'client',
  needs: ['control'],
  alternatives: ['any failure reported by the target\'s client, with nothing committed'],
  run,
};
