import { UNKNOWN_LEAF, describeOutcome, dsAttempt, groupOnTarget, memberAt, membersAgreeWithServed, settleTarget, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

/** Refusals the profile permits for a welcome_info by a client the Add did not create (profile §8). */
const PERMITTED = [{ status: 403, code: 'invalid_signature' }, { status: 403, code: 'not_a_member' }] as const;

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }], [{ user: 'dave', peer: 1 }, { user: 'eve', peer: 0 }]);
  const alice = memberAt(world, 0);
  const [dave, eve] = world.outsiders;
  if (dave === undefined || eve === undefined) throw new Error('the outsiders are missing');
  await alice.addUsers(world.group, [dave.id]);
  await settleTarget(ctx);
  const epoch = stateIn(alice, world.group).state.groupContext.epoch;
  const body = { request_type: 'ds_welcome_info', welcome_info_request: { group_id: world.group, epoch } } as const;
  const expected = `welcome_info for epoch ${epoch}: eve (not added) ${PERMITTED.map((p) => `${p.status} ${p.code}`).join(' or ')}; anonymous 403 unauthorized; dave (added) gets the tree and joins, agreeing with the served group`;
  const byEve = await dsAttempt(ctx, world.group, eve, body, { path: '/welcome_information', senderIndex: UNKNOWN_LEAF });
  if (!PERMITTED.some((p) => p.status === byEve.status && p.code === byEve.code)) return { status: 'fail', expected, actual: `eve: ${describeOutcome(byEve)}` };
  const anonymous = await dsAttempt(ctx, world.group, eve, body, { path: '/welcome_information', anonymous: true });
  if (anonymous.status !== 403 || anonymous.code !== 'unauthorized') return { status: 'fail', expected, actual: `anonymous: ${describeOutcome(anonymous)}` };
  await settleTarget(ctx, [dave, memberAt(world, 1)]);
  if (dave.member(world.group) === undefined) return { status: 'fail', expected, actual: `dave did not join (failures: ${dave.failures.join('; ') || 'none'})` };
  const problem = await membersAgreeWithServed(ctx, world.group, [...world.members, dave]);
  if (problem !== undefined) return { status: 'fail', expected, actual: problem };
  return { status: 'pass', expected, actual: `eve ${describeOutcome(byEve)}; anonymous ${describeOutcome(anonymous)}; dave joined and agrees` };
}

/**
 * DS draft "DS assisted joining"; profile §4, §8: `/welcome_information`
 * serves the tree of the epoch a client was added in, only to a client the
 * Add created (its ClientSignature), never anonymously.
 *
 * @example
 * await runCatalog({ target, checks: [welcomeInfoJoinerOnly], seed: 1 });
 */
export const welcomeInfoJoinerOnly: Check = {
  id: 'ds.welcome-info.joiner-only',
  section: 'DS draft "DS assisted joining"; PROFILE §4, §8',
  quote: 'only the joiner that the Add created may fetch that epoch\'s tree',
  level: 'PROFILE',
  role: 'ds',
  alternatives: ['a non-joiner: 403 invalid_signature or 403 not_a_member'],
  run,
};
