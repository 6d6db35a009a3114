/**
 * The endpoint fuzzer's black-box state checks (docs/FUZZING.md "Endpoint
 * fuzzing"), as the catalog observes a refusal that changed nothing
 * (harness/conformance/unchanged.ts): the group serves the same bytes at
 * /external_commit_information, no fan-out reached a harness peer, the
 * target's client still has its one unconsumed KeyPackage, and discovery
 * still answers.
 */
import { keyPackagesIn, sendRequest, settleTarget, signedGroupKeyPackageRequest, snapshotGroup, type CheckContext, type GroupSnapshot } from '../conformance/index.js';
import type { EndpointWorld } from './endpoint-seeds.js';

/** What is observed before a batch. */
export interface Baseline {
  readonly group: GroupSnapshot;
}

/** Message ids of the KeyPackage probes past the peer's first (profile §13: unique per sender and recipient, an external target remembers them), apart from the seeds'. */
const PROBE_IDS = (1n << 41n) + (1n << 30n);
let probes = 0n;

/**
 * Lets the target settle, then reads what the outside sees of the group;
 * with `provision`, the target's client first gets its one KeyPackage again.
 *
 * @example
 * const before = await baseline(ctx, world);
 */
export async function baseline(ctx: CheckContext, world: EndpointWorld, options: { readonly provision?: boolean } = {}): Promise<Baseline> {
  // An accepted KeyPackage request before this (a mutant that still verifies) may have used it up as it should.
  if (options.provision === true && world.keyPackageClient !== undefined && ctx.control !== undefined) await ctx.control.createClient(world.keyPackageClient, { keyPackages: 1, lastResort: false });
  await settleTarget(ctx);
  return { group: await snapshotGroup(ctx, world.group.group) };
}

/**
 * What changed since `before`, or undefined: other served bytes, a fan-out,
 * or the target client's KeyPackage used up. The KeyPackage probe uses it
 * up, so the client is provisioned again (same ClientID, one KeyPackage)
 * before this returns.
 *
 * @example
 * const problem = await stateChange(ctx, world, before);
 */
export async function stateChange(ctx: CheckContext, world: EndpointWorld, before: Baseline): Promise<string | undefined> {
  await settleTarget(ctx);
  const after = await snapshotGroup(ctx, world.group.group);
  const problems: string[] = [];
  if (after.fanOuts !== before.group.fanOuts) problems.push(`${after.fanOuts - before.group.fanOuts} fan-out request(s) reached a harness peer`);
  if (after.served !== before.group.served) problems.push('/external_commit_information serves other bytes than before');
  const client = world.keyPackageClient;
  const peer = ctx.peers[0];
  if (client !== undefined && ctx.control !== undefined && peer !== undefined) {
    probes += 1n;
    const body = await signedGroupKeyPackageRequest(peer.provider.signingKey.signKey, { protocol_version: 1, sender: peer.dsDomain, recipient: ctx.target.dsDomain, message_id: peer.firstMessageId + PROBE_IDS + probes, requester: { user_name: 'prober', domain: peer.domain }, request: { client_identifiers: [client] } });
    const answer = await sendRequest(ctx, { source: peer.domain, url: `https://${ctx.target.dsDomain}/group_key_packages`, method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body });
    if (answer.status !== 200 || keyPackagesIn('group', answer.body) !== 1) problems.push(`the target client's unconsumed KeyPackage is no longer served (the honest request got ${answer.status})`);
    await ctx.control.createClient(client, { keyPackages: 1, lastResort: false });
  }
  return problems.length === 0 ? undefined : problems.join('; ');
}

/**
 * Whether the target is still healthy: its discovery endpoint answers 200
 * (transport draft "Endpoint Discovery"). Undefined if so, else what it did.
 *
 * @example
 * const sick = await unhealthy(ctx);
 */
export async function unhealthy(ctx: CheckContext): Promise<string | undefined> {
  try {
    const answer = await sendRequest(ctx, { source: 'fuzz-health.client', url: `https://${ctx.target.domain}/.well-known/mimi/ds-domain`, method: 'GET' });
    return answer.status === 200 ? undefined : `discovery answered ${answer.status}`;
  } catch (error) {
    return `discovery did not answer: ${error instanceof Error ? error.message : String(error)}`;
  }
}
