import { describeOutcome, dsAttempt, harnessClient, refusedWithoutEffect, settleTarget, type Check, type CheckVerdict, type DsOutcome } from '../../harness/conformance/index.js';

/** Profile §8: the joiner's "I do not know my leaf yet" index. */
const UNKNOWN_LEAF = 0xffffffff;
const PERMITTED = [{ status: 403, code: 'invalid_signature' }, { status: 403, code: 'not_a_member' }] as const;

/**
 * Issue 10 §3: welcome_information for a leaf that is not the requester's.
 * alice adds bob on the target's DS; before bob joins, alice (a member,
 * but not a joiner of that epoch) asks for the epoch's tree three ways:
 * naming bob's leaf, naming no leaf (0xFFFFFFFF) and naming her own. Each is
 * refused (profile §8: only the joiner that the Add created may fetch that
 * epoch's tree) and bob still joins afterwards.
 *
 * @example
 * await runCatalog({ target, checks: [welcomeInfoForeignLeaf], seed: 1 });
 */
export const welcomeInfoForeignLeaf: Check = {
  id: 'adversarial.welcome-info.foreign-leaf',
  section: 'DS draft "DS assisted joining"; PROFILE §4, §8',
  quote: 'welcome_info: only the joiner that the Add created may fetch that epoch\'s tree.',
  level: 'PROFILE',
  role: 'ds',
  alternatives: ['403 invalid_signature', '403 not_a_member'],
  async run(ctx): Promise<CheckVerdict> {
    const alice = await harnessClient(ctx, { user: 'alice', peer: 0 });
    const bob = await harnessClient(ctx, { user: 'bob', peer: 1 });
    const group = await alice.createGroup('regular', { dsDomain: ctx.target.dsDomain });
    await alice.addUsers(group, [bob.id]);
    await settleTarget(ctx);
    const body = { request_type: 'ds_welcome_info', welcome_info_request: { group_id: group, epoch: 1n } } as const;
    const outcomes: DsOutcome[] = [];
    const verdict = await refusedWithoutEffect(ctx, {
      group,
      what: "alice's signed requests for the tree of epoch 1 naming bob's leaf, no leaf, and her own leaf",
      permitted: [...PERMITTED],
      async attempt() {
        for (const senderIndex of [1, UNKNOWN_LEAF, 0]) {
          const outcome = await dsAttempt(ctx, group, alice, body, { senderIndex, path: '/welcome_information' });
          outcomes.push(outcome);
          if (!PERMITTED.some((p) => p.status === outcome.status && p.code === outcome.code)) return { ...outcome, detail: `sender_index ${senderIndex}: ${outcome.detail}` };
        }
        return outcomes[outcomes.length - 1] ?? { status: 0, code: 'undecodable', detail: 'no attempt' };
      },
      async nextValid() {
        await bob.sync();
        return bob.member(group) === undefined ? { status: 0, code: 'undecodable', detail: `bob could not join (failures: ${bob.failures.join('; ') || 'none'})` } : { status: 200, code: 'ok', detail: '' };
      },
    });
    return verdict.status === 'pass' ? { ...verdict, actual: outcomes.map(describeOutcome).join('; ') } : verdict;
  },
};
