import { decode, encode, leafNode } from '../codec/index.js';
import { clientIdText, mimiGroupId, type DSRequest, type MlsGroupUpdate } from '../messages/index.js';
import { createKeyPackage, createMimiGroup, dsCredential, externalJoin, externalSendersExtension, treeFromNodes, leafNodeBytes, mimiGroupContextExtension, toWire, type CommitOutput, type Member, type OwnKeyPackage } from '../mls/index.js';
import { signedDsRequest } from '../provider/index.js';
import { embedded, postDsRequest, RequestRefused, type VirtualClient } from '../scenario/index.js';
import type { CheckContext, CheckVerdict } from './check.js';
import { describeOutcome, type DsOutcome, type TargetGroup } from './ds-world.js';
import { servedGroup } from './ds-served.js';
import { fanOutsSoFar, type PermittedRefusal } from './unchanged.js';

/** A KeyPackage's LeafNode (leaf_node_source key_package), as CreateGroup carries it. */
type LeafValue = OwnKeyPackage['publicPackage']['leafNode'];

/** The MLSGroupUpdate of a commit (DS draft "Client-initiated operations"). @example groupUpdateOf(await commit(member)) */
export function groupUpdateOf(out: Pick<CommitOutput, 'commit' | 'partialGroupInfo'>): MlsGroupUpdate {
  return { commit: embedded(out.commit), partial_group_info: out.partialGroupInfo };
}

/**
 * Sends a DSRequest from `client`'s provider to `dsDomain` and reports the
 * outcome instead of throwing (for requests {@link dsAttempt} cannot address,
 * such as a CreateGroup naming another DS).
 *
 * @example
 * const outcome = await dsSend(ctx, alice, ctx.target.dsDomain, '/group_operation', request);
 */
export async function dsSend(ctx: CheckContext, client: VirtualClient, dsDomain: string, path: string, request: DSRequest): Promise<DsOutcome> {
  try {
    await postDsRequest(ctx.network, client.provider.domain, dsDomain, path, request);
    return { status: 200, code: 'ok', detail: '' };
  } catch (error) {
    if (error instanceof RequestRefused) return { status: error.status, code: error.code, detail: error.detail };
    throw error;
  }
}

/** One flaw planted in a CreateGroup request (DS draft "Create group"); none is a valid request. */
export interface CreateFlaw {
  /** The group id to use instead of the one the target issued. */
  readonly groupId?: Uint8Array;
  /** List the target as external sender (default true). */
  readonly dsAsExternalSender?: boolean;
  /** Default 0 (profile §8). */
  readonly senderIndex?: number;
  /** Changes the LeafNode the request carries; the GroupInfo stays the creator's. */
  readonly editLeaf?: (leaf: LeafValue) => LeafValue;
}

/**
 * A CreateGroup request for the target's DS, as a harness client builds it
 * (a group id from `ds_request_group_id`, the target's key in
 * `external_senders`), with `flaw` planted.
 *
 * @example
 * const { groupId, request } = await craftCreateGroup(ctx, alice, { senderIndex: 1 });
 */
export async function craftCreateGroup(ctx: CheckContext, creator: VirtualClient, flaw: CreateFlaw = {}): Promise<{ groupId: Uint8Array; request: DSRequest }> {
  const ds = ctx.target.dsDomain;
  const anonymous = { auth_type: 'anonymous' } as const;
  const idBody = await postDsRequest(ctx.network, creator.provider.domain, ds, '/group_operation', { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: anonymous });
  const keyBody = await postDsRequest(ctx.network, creator.provider.domain, ds, '/group_operation', { version: 1, request_body: { request_type: 'ds_signature_public_key' }, authentication_data: anonymous });
  if (idBody.response_type !== 'group_id' || keyBody.response_type !== 'signature_public_key') throw new Error('the target did not answer with a group id and its key');
  const groupId = flaw.groupId ?? idBody.group_id;
  const kp = await createKeyPackage(creator.identity);
  const extensions = [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' })];
  if (flaw.dsAsExternalSender !== false) extensions.push(externalSendersExtension([{ signaturePublicKey: keyBody.signature_public_key, credential: dsCredential(ds) }]));
  const { groupInfo } = await createMimiGroup(creator.identity, kp, groupId, extensions);
  const edit = flaw.editLeaf;
  // The edited leaf is encoded through a copy of the KeyPackage, so that only the intended flaw differs.
  const edited = decode(leafNode, leafNodeBytes(edit === undefined ? kp : { ...kp, publicPackage: { ...kp.publicPackage, leafNode: edit(kp.publicPackage.leafNode) } }));
  const request = await signedDsRequest(creator.identity.signatureKeyPair.signKey, { request_type: 'ds_create_group', create_group_request: { group_id: groupId, leaf_node: edited, group_info: embedded(toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo })) } }, flaw.senderIndex ?? 0);
  return { groupId, request };
}

/** A MimiGroupId naming `dsDomain` with a seeded local id. @example groupIdNaming(ctx, 'ds.peer-a.test') */
export function groupIdNaming(ctx: CheckContext, dsDomain: string): Uint8Array {
  return encode(mimiGroupId, { ds_domain: dsDomain, local_id: Uint8Array.from({ length: 16 }, () => ctx.network.rng.int(0, 255)) });
}

/**
 * A flawed CreateGroup judged from outside (DS draft "Create group"): it is
 * refused with a permitted code, no fan-out goes out, the target serves no
 * group under that id, and the same creator's valid CreateGroup right after
 * is accepted.
 *
 * @example
 * return createRefused(ctx, alice, { senderIndex: 1 }, [{ status: 403, code: 'unauthorized' }], 'a CreateGroup with sender_index 1');
 */
export async function createRefused(ctx: CheckContext, creator: VirtualClient, flaw: CreateFlaw, permitted: readonly PermittedRefusal[], what: string): Promise<CheckVerdict> {
  return judgeCreateRefusal(ctx, creator, await craftCreateGroup(ctx, creator, flaw), permitted, what);
}

/**
 * Judges a crafted CreateGroup as {@link createRefused} does, whatever made
 * it flawed: refused with a permitted code, nothing served under its id, no
 * fan-out, then a valid CreateGroup by the same creator accepted.
 *
 * @example
 * return judgeCreateRefusal(ctx, alice, await craftGroupInfoFlaw(ctx, alice, flaw), permitted, what);
 */
export async function judgeCreateRefusal(ctx: CheckContext, creator: VirtualClient, crafted: { readonly groupId: Uint8Array; readonly request: DSRequest }, permitted: readonly PermittedRefusal[], what: string): Promise<CheckVerdict> {
  const expected = `${what}: ${permitted.map((p) => `${p.status} ${p.code}`).join(' or ')}, no group served under its id, then a valid CreateGroup accepted`;
  const { groupId, request } = crafted;
  const fanOuts = fanOutsSoFar(ctx);
  const outcome = await dsSend(ctx, creator, ctx.target.dsDomain, '/group_operation', request);
  if (!permitted.some((p) => p.status === outcome.status && p.code === outcome.code)) return { status: 'fail', expected, actual: describeOutcome(outcome) };
  const served = await servedGroup(ctx, groupId, { dsDomain: ctx.target.dsDomain });
  if (served.ok) return { status: 'fail', expected, actual: `${describeOutcome(outcome)}, but /external_commit_information serves a group under its id` };
  if (fanOutsSoFar(ctx) !== fanOuts) return { status: 'fail', expected, actual: `${describeOutcome(outcome)}, but fan-out requests went out` };
  const valid = await craftCreateGroup(ctx, creator);
  const next = await dsSend(ctx, creator, ctx.target.dsDomain, '/group_operation', valid.request);
  if (next.code !== 'ok') return { status: 'fail', expected, actual: `${describeOutcome(outcome)}; then the valid CreateGroup got ${describeOutcome(next)}` };
  return { status: 'pass', expected, actual: `${describeOutcome(outcome)}; nothing served; the valid one accepted` };
}

/** The group's `index`-th member (creator first), or a thrown error if the world lost it. @example const bob = memberAt(world, 1) */
export function memberAt(world: TargetGroup, index: number): VirtualClient {
  const client = world.members[index];
  if (client === undefined) throw new Error(`the group has no member ${index}`);
  return client;
}

/** A client's MLS state in a group it must be in. @example const state = stateIn(alice, world.group) */
export function stateIn(client: VirtualClient, group: Uint8Array): Member {
  const member = client.member(group);
  if (member === undefined) throw new Error(`${client.id.client_name}/${client.id.user.user_name}@${client.id.user.domain} is not in the group (failures: ${client.failures.join('; ') || 'none'})`);
  return member;
}

/** `client/user@domain` of a client, as {@link targetDeliveries} names recipients. @example nameOf(alice) */
export function nameOf(client: VirtualClient): string {
  return clientIdText(client.id);
}

/**
 * The ExternalJoin body `client` builds from what the group's DS serves
 * (profile §4), without sending it; the request is anonymous (profile §8).
 *
 * @example
 * const body = await externalJoinBody(ctx, dave, world.group);
 */
export async function externalJoinBody(ctx: CheckContext, client: VirtualClient, group: Uint8Array): Promise<DSRequest['request_body']> {
  const served = await servedGroup(ctx, group);
  if (!served.ok) throw new Error(`the DS serves no external commit information: ${describeOutcome(served.outcome)}`);
  const out = await externalJoin(client.identity, await createKeyPackage(client.identity), served.groupInfo, treeFromNodes(served.tree), client.member(group) !== undefined);
  return { request_type: 'ds_external_join', external_join_request: { group_update: groupUpdateOf(out) } };
}
