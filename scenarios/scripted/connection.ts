import { connect, expectAgreement, expectDelivered, harnessUser, runScript, send, targetUser, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const run = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, "connection establishment with a target's user", [
    targetUser('tina', { user: 'tina' }),
    harnessUser('alice', { user: 'alice', peer: 0 }),
    // /connection_key_packages at the target, then a /connection_request to it.
    connect('conn', 'alice', 'tina'),
    expectAgreement('conn'),
    send('conn', 'tina', 'hi alice'),
    send('conn', 'alice', 'hi tina'),
    expectDelivered('conn'),
  ]);

/**
 * Connection establishment (DS draft "Connection establishment flow"): a
 * harness client fetches the connection KeyPackage of a target's user from
 * the target (/connection_key_packages), creates a connection group on its
 * own DS and invites her; the Welcome reaches her as a /connection_request.
 * She joins (the control interface shows her epoch) and both talk.
 *
 * @example
 * await runCatalog({ target, checks: [connectionFlow], seed: 1 });
 */
export const connectionFlow: Check = {
  id: 'scripted.connection.establish',
  section: 'DS draft "Connection establishment flow"; transport draft "Connection KeyPackages", "Deliver Connection Request"; PROFILE §5',
  quote: 'ConnectionKeyPackageResponse MUST contain one connection KeyPackage ... for each client of request.user_identifier',
  level: 'MUST',
  role: 'qs',
  needs: ['control'],
  run,
};
