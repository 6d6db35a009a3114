import { encode, ratchetTree, toHex, type RatchetTreeNodes } from '../codec/index.js';
import { groupInfoIn, treeNodesOf, type Member } from '../mls/index.js';
import type { VirtualClient } from '../scenario/index.js';
import { ownerOf, postDsRequest, RequestRefused } from '../scenario/index.js';
import type { CheckContext } from './check.js';

type GroupInfo = NonNullable<ReturnType<typeof groupInfoIn>>;
import { describeOutcome, type DsOutcome } from './ds-world.js';

/** What the target serves for a group at `/external_commit_information` (profile §4): the GroupInfo and tree, or the refusal. */
export type ServedGroup = { readonly ok: true; readonly groupInfo: GroupInfo; readonly tree: RatchetTreeNodes } | { readonly ok: false; readonly outcome: DsOutcome };

/**
 * Asks the group's owning DS (or `options.dsDomain`) for its external commit information,
 * anonymously, from the first harness peer (profile §4, §8).
 *
 * @example
 * const served = await servedGroup(ctx, world.group);
 */
export async function servedGroup(ctx: CheckContext, group: Uint8Array, options: { readonly dsDomain?: string } = {}): Promise<ServedGroup> {
  const source = ctx.peers[0]?.domain ?? 'outside';
  try {
    const body = await postDsRequest(ctx.network, source, options.dsDomain ?? ownerOf(group), '/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: group } }, authentication_data: { auth_type: 'anonymous' } });
    if (body.response_type !== 'external_commit_info') return { ok: false, outcome: { status: 200, code: 'undecodable', detail: `a ${body.response_type} answer` } };
    const groupInfo = groupInfoIn(body.group_info.value);
    if (groupInfo === undefined) return { ok: false, outcome: { status: 200, code: 'undecodable', detail: `group_info is a ${body.group_info.value.wireformat}` } };
    return { ok: true, groupInfo, tree: body.ratchet_tree };
  } catch (error) {
    if (error instanceof RequestRefused) return { ok: false, outcome: { status: error.status, code: error.code, detail: error.detail } };
    throw error;
  }
}

const treeHex = (nodes: RatchetTreeNodes) => toHex(encode(ratchetTree, nodes));

/** Why a member's MLS state differs from what the DS serves (epoch, tree hash, transcript hash, tree), or undefined. @example disagreement(member, served) */
export function disagreement(member: Member, served: { readonly groupInfo: GroupInfo; readonly tree: RatchetTreeNodes }): string | undefined {
  const mine = member.state.groupContext;
  const theirs = served.groupInfo.groupContext;
  if (mine.epoch !== theirs.epoch) return `epoch ${mine.epoch}, the DS serves ${theirs.epoch}`;
  if (toHex(mine.treeHash) !== toHex(theirs.treeHash)) return `tree hash ${toHex(mine.treeHash).slice(0, 16)}…, the DS serves ${toHex(theirs.treeHash).slice(0, 16)}…`;
  if (toHex(mine.confirmedTranscriptHash) !== toHex(theirs.confirmedTranscriptHash)) return 'another confirmed transcript hash than the DS serves';
  if (treeHex(treeNodesOf(member.state.ratchetTree)) !== treeHex(served.tree)) return 'another ratchet tree than the DS serves';
  return undefined;
}

/**
 * The agreement assertion (issue 10 §2): after quiescence every member holds
 * the GroupInfo's GroupContext and the ratchet tree the target's DS serves.
 * Returns what disagrees, or undefined.
 *
 * @example
 * const problem = await membersAgreeWithServed(ctx, world.group, world.members);
 */
export async function membersAgreeWithServed(ctx: CheckContext, group: Uint8Array, members: readonly VirtualClient[]): Promise<string | undefined> {
  const served = await servedGroup(ctx, group);
  if (!served.ok) return `/external_commit_information answered ${describeOutcome(served.outcome)}`;
  for (const client of members) {
    const member = client.member(group);
    const name = `${client.id.client_name}/${client.id.user.user_name}@${client.id.user.domain}`;
    if (member === undefined) return `${name} is not in the group (failures: ${client.failures.join('; ') || 'none'})`;
    const problem = disagreement(member, served);
    if (problem !== undefined) return `${name}: ${problem}`;
  }
  return undefined;
}
