import { decode, encode, ratchetTree, toHex } from '../codec/index.js';
import { clientId as clientIdCodec, clientIdText, type DSResponseBody } from '../messages/index.js';
import { epochOf, groupInfoIn, treeFromNodes, treeNodesOf } from '../mls/index.js';
import { ownerOf, postDsRequest, RequestRefused } from '../scenario/index.js';
import type { CheckContext } from './check.js';
import { command, flowGroup, FlowFailure, modelGroup, type FlowCommand } from './flow-command.js';

const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** An anonymous ExternalCommitInfoRequest (profile §4) for the group at its owning DS, from the first harness peer. */
async function served(ctx: CheckContext, group: Uint8Array): Promise<DSResponseBody> {
  return postDsRequest(ctx.network, ctx.peers[0]?.domain ?? 'conformance-client', ownerOf(group), '/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: group } }, authentication_data: { auth_type: 'anonymous' } });
}

/**
 * `expectDelivered` (issue 10 §2): every client of the flow has received the
 * group's application messages that were sent while it was a member (and
 * not by it), each exactly once and in order, and nothing else of the group.
 *
 * @example
 * expectDelivered('g')
 */
export function expectDelivered(group: string): FlowCommand {
  return command(`every recipient got ${group}'s messages exactly once, in order`, (m) => m.groups.has(group), (model, real) => {
    const g = modelGroup(model, group);
    const hex = toHex(flowGroup(real, group));
    for (const [name, c] of real.clients) {
      const wanted = g.sent.filter((s) => s.to.has(name)).map((s) => s.text);
      const got = c.client.received.filter((r) => r.groupId === hex).map((r) => r.text);
      if (JSON.stringify(got) !== JSON.stringify(wanted)) throw new FlowFailure(`${name} receives ${JSON.stringify(wanted)} in ${group}`, `${name} received ${JSON.stringify(got)}`);
    }
  });
}

/**
 * Agreement with the owning DS (issue 10 §2): what /external_commit_information
 * serves for the group (GroupInfo and ratchet tree) has exactly the model's
 * members, and every member is at the served epoch with the served tree
 * hash and tree (a target's own client: the epoch, all the control
 * interface shows); no client outside the model's members is in the group.
 * A group suspended by a ReInit is still served at the ReInit's epoch.
 *
 * @example
 * expectAgreement('g')
 */
export function expectAgreement(group: string): FlowCommand {
  return command(`every member of ${group} agrees with the GroupInfo and tree its DS serves`, (m) => m.groups.get(group)?.state !== 'deleted' && m.groups.has(group), async (model, real) => {
    const id = flowGroup(real, group);
    const body = await served(real.ctx, id);
    if (body.response_type !== 'external_commit_info') throw new FlowFailure('external_commit_info', body.response_type);
    const info = groupInfoIn(body.group_info.value);
    if (info === undefined) throw new FlowFailure('a GroupInfo in external_commit_info', `a ${body.group_info.value.wireformat}`);
    const { epoch, treeHash } = info.groupContext;
    const tree = encode(ratchetTree, body.ratchet_tree);
    const g = modelGroup(model, group);
    const leaves = treeFromNodes(body.ratchet_tree).flatMap((node) => (node?.nodeType === 'leaf' && node.leaf.credential.credentialType === 'basic' ? [clientIdText(decode(clientIdCodec, node.leaf.credential.identity))] : []));
    const wanted = [...g.members].map((n) => model.clients.get(n)).flatMap((x) => (x === undefined ? [] : [clientIdText(x)]));
    if (JSON.stringify([...leaves].sort()) !== JSON.stringify([...wanted].sort())) throw new FlowFailure(`the served tree of ${group} has exactly ${wanted.join(', ')}`, `it has ${leaves.join(', ') || 'nobody'}`);
    for (const [name, c] of real.clients) {
      const inGroup = g.members.has(name);
      if (c.kind === 'target') {
        const at = c.client.epoch(id);
        if (inGroup && at !== epoch) throw new FlowFailure(`${name} (a target client) at the served epoch ${epoch}`, `at ${String(at)}`);
        if (!inGroup && at !== undefined) throw new FlowFailure(`${name} not in ${group}`, `it is at epoch ${at}`);
        continue;
      }
      const member = c.client.member(id);
      if (!inGroup) {
        if (member !== undefined) throw new FlowFailure(`${name} not in ${group}`, `it is at epoch ${epochOf(member)}`);
        continue;
      }
      if (member === undefined) throw new FlowFailure(`${name} in ${group} at epoch ${epoch}`, `${name} is not in it (failures: ${c.client.failures.join('; ') || 'none'})`);
      if (epochOf(member) !== epoch) throw new FlowFailure(`${name} at the served epoch ${epoch}`, `at ${epochOf(member)}`);
      if (!sameBytes(member.state.groupContext.treeHash, treeHash)) throw new FlowFailure(`${name}'s tree hash equals the served GroupInfo's`, `${toHex(member.state.groupContext.treeHash)} vs served ${toHex(treeHash)}`);
      if (!sameBytes(encode(ratchetTree, treeNodesOf(member.state.ratchetTree)), tree)) throw new FlowFailure(`${name}'s ratchet tree equals the served one`, 'they differ');
    }
  });
}

/**
 * After "Delete a group": the owning DS no longer serves the group
 * (`unknown_group`, 404, profile §3), and no client of the flow is still
 * in it (the others learnt of their removal from the fanned-out commit).
 *
 * @example
 * expectGone('g')
 */
export function expectGone(group: string): FlowCommand {
  return command(`${group}'s DS no longer serves it and nobody is in it`, (m) => m.groups.get(group)?.state === 'deleted', async (_model, real) => {
    const id = flowGroup(real, group);
    for (const [name, c] of real.clients) {
      const still = c.kind === 'harness' ? c.client.member(id) !== undefined : c.client.epoch(id) !== undefined;
      if (still) throw new FlowFailure(`${name} no longer in ${group}`, `${name} is still in it (failures: ${c.client.failures.join('; ') || 'none'})`);
    }
    try {
      const body = await served(real.ctx, id);
      throw new FlowFailure(`404 unknown_group for ${group}`, `200 ${body.response_type}`);
    } catch (error) {
      if (!(error instanceof RequestRefused)) throw error;
      if (error.status !== 404 || error.code !== 'unknown_group') throw new FlowFailure(`404 unknown_group for ${group}`, `${error.status} ${error.code}`);
    }
  });
}
