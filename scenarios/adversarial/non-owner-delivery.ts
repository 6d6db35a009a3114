import { captured, decodeQs, guestWorld, outcomeOf, refusedByGuest, type Check } from '../../harness/conformance/index.js';

/**
 * Profile §14 "A guest's QS … MUST accept a group message (PublicMessage,
 * PrivateMessage) only from the DS its group id names (`unauthorized`
 * otherwise)"; transport draft "Deliver Message": an owning provider
 * delivers messages of its own groups. The target is a guest of a group the
 * harness DS (peer 0) owns; the harness's other DS (peer 1, mallory) takes
 * the owner's delivery of alice's message and delivers it to the target as
 * its own: its own name as sender, honestly signed with its own key, for
 * the target's client. Only the owner check can refuse it.
 *
 * @example
 * await runCatalog({ target, checks: [nonOwnerDelivery], seed: 1 });
 */
export const nonOwnerDelivery: Check = {
  id: 'adversarial.non-owner-delivery',
  section: 'transport draft "Deliver Message"; PROFILE §14 (a guest\'s QS), §2 Group IDs',
  quote: 'It MUST accept a group message (PublicMessage, PrivateMessage) only from the DS its group id names',
  level: 'PROFILE',
  role: 'qs',
  needs: ['control'],
  alternatives: ['403 unauthorized'],
  async run(ctx) {
    const world = await guestWorld(ctx);
    const message = captured(ctx, { path: '/deliver_message', source: world.ds.domain, destination: ctx.target.dsDomain })
      .map((e) => decodeQs(e.request).fanout_request)
      .find((f) => f.mls_message.value.wireformat === 'mls_private_message');
    if (message === undefined) throw new Error('the harness DS delivered no PrivateMessage to the target');
    const fields = { sender: world.mallory.dsDomain, recipient: ctx.target.dsDomain, message_id: world.mallory.freshMessageId(), recipient_ids: [world.carol.id], mls_message: message.mls_message };
    const body = await world.mallory.fanout(fields);
    return refusedByGuest(ctx, world, {
      what: `a PrivateMessage of a group that ${message.sender} owns, delivered by ${world.mallory.dsDomain} in its own name and signed with its own key`,
      permitted: [{ status: 403, code: 'unauthorized' }],
      attempt: async () => outcomeOf('QueueingServiceResponse', await world.mallory.send(ctx.target.dsDomain, '/deliver_message', body)),
    });
  },
};
