import type { GroupInfo, RatchetTree, UnappliedProposals } from 'ts-mls';
import { decodeGroupInfo, encodeGroupInfo } from 'ts-mls/groupInfo.js';
import { decodeRatchetTree, encodeRatchetTree } from 'ts-mls/ratchetTree.js';
import { decodeUnappliedProposals, unappliedProposalsEncoder } from 'ts-mls/unappliedProposals.js';
import { encode as mlsEncode } from 'ts-mls/codec/tlsEncoder.js';
import { decode, encode, opaqueV, struct, uint32, uint64, uint8, vectorV } from '../../codec/index.js';
import type { DsGroup } from './state.js';

/**
 * The tracker's durable form: ts-mls's own encodings of the GroupInfo,
 * trees and stored proposals inside a small TLS struct of the harness codec.
 */
const dsGroupState = struct('DsGroupState', {
  group_info: opaqueV,
  ratchet_tree: opaqueV,
  unapplied_proposals: opaqueV,
  suspended: uint8,
  pending_joins: vectorV(struct('PendingJoin', { epoch: uint64, ratchet_tree: opaqueV, joiners: vectorV(uint32) })),
});

function exact<T>(name: string, decoded: [T, number] | undefined, length: number): T {
  if (decoded === undefined || decoded[1] !== length) throw new Error(`DS group state: bad ${name}`);
  return decoded[0];
}

const decodeTree = (bytes: Uint8Array): RatchetTree => exact('ratchet tree', decodeRatchetTree(bytes, 0), bytes.length);

/**
 * Serializes a DS group for a provider restart that keeps durable state.
 *
 * @example
 * const restored = deserializeDsGroup(serializeDsGroup(group));
 */
export function serializeDsGroup(group: DsGroup): Uint8Array {
  return encode(dsGroupState, {
    group_info: encodeGroupInfo(group.groupInfo),
    ratchet_tree: encodeRatchetTree(group.ratchetTree),
    unapplied_proposals: mlsEncode(unappliedProposalsEncoder)(group.unappliedProposals),
    suspended: group.suspended ? 1 : 0,
    pending_joins: group.pendingJoins.map((p) => ({ epoch: p.epoch, ratchet_tree: encodeRatchetTree(p.ratchetTree), joiners: [...p.joiners] })),
  });
}

/** The inverse of {@link serializeDsGroup}. */
export function deserializeDsGroup(bytes: Uint8Array): DsGroup {
  const state = decode(dsGroupState, bytes, { rootName: 'DsGroupState' });
  const groupInfo: GroupInfo = exact('GroupInfo', decodeGroupInfo(state.group_info, 0), state.group_info.length);
  const unappliedProposals: UnappliedProposals = exact('stored proposals', decodeUnappliedProposals(state.unapplied_proposals, 0), state.unapplied_proposals.length);
  return {
    groupContext: groupInfo.groupContext,
    ratchetTree: decodeTree(state.ratchet_tree),
    confirmationTag: groupInfo.confirmationTag,
    groupInfo,
    unappliedProposals,
    suspended: state.suspended === 1,
    pendingJoins: state.pending_joins.map((p) => ({ epoch: p.epoch, ratchetTree: decodeTree(p.ratchet_tree), joiners: p.joiners })),
  };
}
