import { dsAttempt, groupOnTarget, memberAt, refusedWithoutEffect, stateIn, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';
import { commit, sendApplication } from '../../harness/mls/index.js';
import { embedded } from '../../harness/scenario/index.js';

async function run(ctx: CheckContext): Promise<CheckVerdict> {
  const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
  const alice = memberAt(world, 0);
  const { commit: handshake } = await commit(stateIn(alice, world.group));
  const { message } = await sendApplication(stateIn(alice, world.group), new TextEncoder().encode('hello'));
  return refusedWithoutEffect(ctx, {
    group: world.group,
    what: 'a SendMessage carrying a PublicMessage commit',
    attempt: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_send_message', send_message_request: { application_message: embedded(handshake) } }),
    permitted: [{ status: 422, code: 'invalid_message' }],
    nextValid: () => dsAttempt(ctx, world.group, alice, { request_type: 'ds_send_message', send_message_request: { application_message: embedded(message) } }),
  });
}

/**
 * DS draft "Send an application message to a group"; "Embedded MLS
 * values": SendMessage carries a PrivateMessage of content type
 * application, anything else is `invalid_message`.
 *
 * @example
 * await runCatalog({ target, checks: [sendMessagePrivateMessage], seed: 1 });
 */
export const sendMessagePrivateMessage: Check = {
  id: 'ds.send-message.private-message',
  section: 'DS draft "Send an application message to a group"; PROFILE "Embedded MLS values", §14',
  quote: 'ds_send_message MUST carry a PrivateMessage of the group\'s current epoch',
  level: 'PROFILE',
  role: 'ds',
  run,
};
