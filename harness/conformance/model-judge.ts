import { encode, ratchetTree, toHex } from '../codec/index.js';
import { groupInfoIn, treeNodesOf } from '../mls/index.js';
import { ownerOf, postDsRequest } from '../scenario/index.js';
import { settleTarget } from './ds-world.js';
import { healAll, slotName, type FederationModel, type ModelWorld } from './model-state.js';
import { fanOutsOfRun } from './model-wire.js';

/** Virtual time the final settling gives the target's retries (its backoff tops out at 30 s, profile §14). @example await settleTarget(ctx, clients, { virtualMs: QUIESCENCE_MS }) */
export const QUIESCENCE_MS = 70_000;

const sameClient = (a: { user: { user_name: string; domain: string }; client_name: string }, b: typeof a) => a.user.user_name === b.user.user_name && a.user.domain === b.user.domain && a.client_name === b.client_name;
const sameBytes = (a: Uint8Array, b: Uint8Array) => a.length === b.length && a.every((x, i) => x === b[i]);

/** Heals every fault, lets the target retry until it is quiet, and has every client take its queue. @example await quiesce(world, model); */
export async function quiesce(world: ModelWorld, model: FederationModel): Promise<void> {
  healAll(world, model);
  await settleTarget(world.ctx, world.clients, { virtualMs: QUIESCENCE_MS });
}

/** Exactly once, in order per sender, nothing lost (issue 10 §3): what each client received against what it is owed. */
function deliveryProblems(world: ModelWorld, model: FederationModel): string[] {
  const problems: string[] = [];
  const group = toHex(world.group);
  const senderOf = new Map<string, { sender: number; index: number }>();
  model.sent.forEach((texts, sender) => { texts.forEach((text, index) => senderOf.set(text, { sender, index })); });
  for (const [slot, client] of world.clients.entries()) {
    const name = slotName(world, slot);
    const got = client.received.filter((r) => r.groupId === group).map((r) => r.text);
    const owed = model.owed[slot] ?? [];
    for (const failure of client.failures.slice(0, 2)) problems.push(`${name} could not process a delivery (twice, or out of order?): ${failure}`);
    const twice = got.filter((t, i) => got.indexOf(t) !== i);
    if (twice.length > 0) problems.push(`${name} received ${[...new Set(twice)].join(', ')} more than once`);
    const unexpected = got.filter((t) => !owed.includes(t));
    if (unexpected.length > 0) problems.push(`${name} received ${unexpected.join(', ')}, not sent to it while it was a member`);
    const last = new Map<number, number>();
    for (const text of got) {
      const origin = senderOf.get(text);
      if (origin === undefined) continue;
      if ((last.get(origin.sender) ?? -1) > origin.index) problems.push(`${name} received ${text} after a later message of the same sender (got ${got.join(', ')})`);
      last.set(origin.sender, Math.max(last.get(origin.sender) ?? -1, origin.index));
    }
    if (model.members.has(slot)) {
      const lost = owed.filter((t) => !got.includes(t));
      if (lost.length > 0) problems.push(`${name} never received ${lost.join(', ')} after healing`);
    }
  }
  return problems;
}

/** Removed members get nothing sent after their removal (issue 10 §3), judged on the target's fan-out requests. */
function removalProblems(world: ModelWorld, model: FederationModel): string[] {
  const fanOuts = fanOutsOfRun(world);
  const problems: string[] = [];
  for (const slot of model.removed) {
    const client = world.clients[slot];
    if (client === undefined) continue;
    const forbidden = new Map((model.forbidden[slot] ?? []).flatMap((text) => { const hex = world.wireOf.get(text); return hex === undefined ? [] : [[hex, text] as const]; }));
    const leaked = fanOuts.filter((f) => forbidden.has(f.message) && f.recipients.some((r) => sameClient(r, client.id))).map((f) => forbidden.get(f.message));
    if (leaked.length > 0) problems.push(`the target sent ${[...new Set(leaked)].join(', ')} to ${slotName(world, slot)} after its removal`);
  }
  return problems;
}

/** After quiescence every member agrees with what the owning DS serves: epoch, tree hash, transcript hash and the ratchet tree (issue 10 §3). */
async function agreementProblems(world: ModelWorld, model: FederationModel): Promise<string[]> {
  const { ctx } = world;
  const source = ctx.peers[0]?.domain ?? 'outside';
  let served;
  try {
    served = await postDsRequest(ctx.network, source, ownerOf(world.group), '/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: world.group } }, authentication_data: { auth_type: 'anonymous' } });
  } catch (error) {
    return [`after healing the target serves no GroupInfo: ${error instanceof Error ? error.message : String(error)}`];
  }
  const info = served.response_type === 'external_commit_info' ? groupInfoIn(served.group_info.value) : undefined;
  if (served.response_type !== 'external_commit_info' || info === undefined) return [`after healing the target answers ${served.response_type} for the GroupInfo`];
  const tree = encode(ratchetTree, served.ratchet_tree);
  const problems: string[] = [];
  for (const slot of [...model.members].sort((a, b) => a - b)) {
    const member = world.clients[slot]?.member(world.group);
    const name = slotName(world, slot);
    if (member === undefined) {
      problems.push(`${name}, a member, is not in the group after healing`);
      continue;
    }
    const mine = member.state.groupContext;
    const served = info.groupContext;
    if (mine.epoch !== served.epoch) problems.push(`${name} is at epoch ${mine.epoch}, the target serves epoch ${served.epoch}`);
    else if (!sameBytes(mine.treeHash, served.treeHash) || !sameBytes(mine.confirmedTranscriptHash, served.confirmedTranscriptHash)) problems.push(`${name} and the served GroupInfo differ in tree or transcript hash at epoch ${mine.epoch}`);
    else if (!sameBytes(encode(ratchetTree, treeNodesOf(member.state.ratchetTree)), tree)) problems.push(`${name}'s ratchet tree differs from the one the target serves`);
  }
  return problems;
}

/**
 * Judges one run after quiescence against every invariant of issue 10 §3
 * properties (the reflection command judges "no forwarding violation is
 * ever accepted" as it goes). Returns what is wrong, empty if nothing.
 *
 * @example
 * const problems = await judgeRun(world, model);
 */
export async function judgeRun(world: ModelWorld, model: FederationModel): Promise<string[]> {
  await quiesce(world, model);
  return [...deliveryProblems(world, model), ...removalProblems(world, model), ...(await agreementProblems(world, model))];
}
