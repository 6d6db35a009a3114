import { dsAttempt, groupOnTarget, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { embedded } from '../../harness/scenario/index.js';
import { sendApplication } from '../../harness/mls/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const { message } = await sendApplication(stateIn(alice, world.group), new TextEncoder().encode('hello'));
  const body = { request_type: 'ds_send_message', send_message_request: { application_message: embedded(message) } } as const;
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: 'a SendMessage whose sender_index (40) names no leaf of the group',
    attempt: () => dsAttempt(ctx, world.group, alice, body, { senderIndex: 40 }),
    permitted: [{ status: 403, code: 'not_a_member' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, body),
  });
}

/**
 * Profile §8: `sender_index` naming a blank or missing leaf gets
 * `not_a_member` (here on SendMessage, whose only authentication is the
 * ClientSignature).
 *
 * @example
 * await runCatalog({ target, checks: [authBlankLeaf], seed: 1 });
 */
export const authBlankLeaf: Check = {
  id: 'ds.auth.blank-leaf',
  section: 'DS draft "Send an application message to a group"; PROFILE §8',
  quote: 'sender_index naming a blank or missing leaf gets not_a_member.',
  level: 'PROFILE',
  role: 'ds',
  run,
};
