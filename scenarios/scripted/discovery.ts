import { addUsers, createGroup, expectAgreement, expectDelivered, expectDiscovery, expectTrafficAtDsDomain, harnessUser, runScript, send, targetUser, type Check, type CheckContext, type CheckVerdict } from '../../harness/conformance/index.js';

const run = (ctx: CheckContext): Promise<CheckVerdict> =>
  runScript(ctx, `a flow with the target's DS domain ${ctx.target.dsDomain} found by discovery`, [
    expectDiscovery(),
    targetUser('tina', { user: 'tina' }),
    harnessUser('alice', { user: 'alice', peer: 0 }),
    // alice's provider discovers the target's DS for KeyPackages and fan-out.
    createGroup('g', 'alice', { peer: 0 }),
    addUsers('g', 'alice', ['tina']),
    expectAgreement('g'),
    send('g', 'alice', 'found you'),
    send('g', 'tina', 'found me'),
    expectDelivered('g'),
    expectTrafficAtDsDomain(),
  ]);

/**
 * A DS domain that may differ from the provider domain (transport draft
 * "Discovery"; profile §11): the target's discovery names the DS domain it
 * is declared with (any name, `ds.<domain>` or not), and the harness's
 * peers, which find it by discovery, reach the target there for KeyPackages
 * and fan-out, and the flow works.
 *
 * @example
 * await runCatalog({ target: referenceTarget({ domain: 'target.test', dsDomain: 'mimi.target.test' }), checks: [discoveryFlow], seed: 1 });
 */
export const discoveryFlow: Check = {
  id: 'scripted.discovery.ds-domain',
  section: 'transport draft "Discovery"; PROFILE §11',
  quote: 'ds_domain is the host of the provider\'s DS endpoints and the DS domain used in sender, recipient and MimiGroupId.ds_domain. It MAY equal the provider domain.',
  level: 'MUST',
  role: 'endpoint',
  needs: ['control'],
  run,
};
