import { expect } from 'vitest';
import type { RatchetTree } from 'ts-mls';
import { encodeGroupContext } from 'ts-mls/groupContext.js';
import { decodeRatchetTree, encodeRatchetTree } from 'ts-mls/ratchetTree.js';
import {
  addProposal,
  bootstrapGroup,
  commit,
  DsRefusal,
  joinFromWelcome,
  markJoined,
  serializeDsGroup,
  treeForJoiner,
  type DsRefusalReason,
  createIdentity,
  createKeyPackage,
  createMimiGroup,
  dsCredential,
  externalSendersExtension,
  fromWire,
  mimiGroupContextExtension,
  mlsSuite,
  processCommit,
  processProposal,
  receive,
  type ClientIdentity,
  type CommitOutput,
  type CommitResult,
  type DsGroup,
  type Member,
} from '../../harness/mls/index.js';
import { encode } from '../../harness/codec/index.js';
import { mimiGroupId } from '../../harness/messages/index.js';

/** A test world: one DS tracker, its signature key, and the members by name. */
export interface World {
  ds: DsGroup;
  readonly dsKeys: { publicKey: Uint8Array; signKey: Uint8Array };
  readonly members: Map<string, Member>;
  readonly identities: Map<string, ClientIdentity>;
}

/** A client of `user@alpha.test` (or the given domain) named `device`. */
export function identityFor(user: string, device = 'phone', domain = 'alpha.test'): Promise<ClientIdentity> {
  return createIdentity({ user: { user_name: user, domain }, client_name: device });
}

/** A copy of a tree as the DS would serve it: through its encoding. */
export function servedTree(tree: RatchetTree): RatchetTree {
  const bytes = encodeRatchetTree(tree);
  const decoded = decodeRatchetTree(bytes, 0);
  if (decoded === undefined) throw new Error('tree does not decode');
  return decoded[0];
}

/** Creates a MIMI group owned by ds.alpha.test with the DS in external_senders, bootstrapped on the DS. */
export async function createWorld(creator = 'alice'): Promise<World> {
  const cs = await mlsSuite();
  const dsKeys = await cs.signature.keygen();
  const identity = await identityFor(creator);
  const kp = await createKeyPackage(identity);
  const groupId = encode(mimiGroupId, { ds_domain: 'ds.alpha.test', local_id: new Uint8Array(16).fill(1) });
  const extensions = [mimiGroupContextExtension({ protocol_version: 1, kind: 'regular' }), externalSendersExtension([{ signaturePublicKey: dsKeys.publicKey, credential: dsCredential('ds.alpha.test') }])];
  const { member, groupInfo } = await createMimiGroup(identity, kp, groupId, extensions);
  const ds = await bootstrapGroup(groupInfo, servedTree(member.state.ratchetTree));
  return { ds, dsKeys, members: new Map([[creator, member]]), identities: new Map([[creator, identity]]) };
}

/** Asserts that every member agrees with the DS byte for byte: GroupContext, ratchet tree, confirmation tag. */
export function expectAgreement(world: World): void {
  const context = encodeGroupContext(world.ds.groupContext);
  const tree = encodeRatchetTree(world.ds.ratchetTree);
  for (const [name, member] of world.members) {
    expect(Buffer.from(encodeGroupContext(member.state.groupContext)).equals(Buffer.from(context)), `GroupContext of ${name}`).toBe(true);
    expect(Buffer.from(encodeRatchetTree(member.state.ratchetTree)).equals(Buffer.from(tree)), `ratchet tree of ${name}`).toBe(true);
    expect(Buffer.from(member.state.confirmationTag).equals(Buffer.from(world.ds.confirmationTag)), `confirmation tag of ${name}`).toBe(true);
  }
}

/** Delivers `bytes` to every member but `sender`, dropping members that were removed. */
export async function fanOut(world: World, sender: string | null, bytes: Uint8Array): Promise<string[]> {
  const removed: string[] = [];
  for (const [name, member] of [...world.members]) {
    if (name === sender) continue;
    const result = await receive(member, bytes);
    if (result.kind === 'handshake' && result.removed) {
      world.members.delete(name);
      removed.push(name);
    } else world.members.set(name, result.member);
  }
  return removed;
}

/** The DS accepts a commit, then it is fanned out; returns the DS's result. */
export async function deliverCommit(world: World, sender: string, output: Pick<CommitOutput, 'member' | 'commit' | 'partialGroupInfo'>): Promise<CommitResult> {
  const result = await processCommit(world.ds, fromWire(output.commit), output.partialGroupInfo);
  world.ds = result.group;
  world.members.set(sender, output.member);
  await fanOut(world, sender, output.commit);
  return result;
}

/** The DS stores a standalone proposal, then it is fanned out. */
export async function deliverProposal(world: World, sender: string | null, bytes: Uint8Array): Promise<void> {
  world.ds = await processProposal(world.ds, fromWire(bytes));
  await fanOut(world, sender, bytes);
}

/**
 * `adder` adds new clients (one per name, users of alpha.test) in one commit;
 * each joins from the Welcome with the tree the DS keeps for it.
 */
export async function addMembers(world: World, adder: string, names: readonly string[]): Promise<CommitResult> {
  const identities = await Promise.all(names.map((name) => identityFor(name)));
  const keyPackages = await Promise.all(identities.map((identity) => createKeyPackage(identity)));
  const member = world.members.get(adder);
  if (member === undefined) throw new Error(`no member ${adder}`);
  const added = await commit(member, keyPackages.map((kp) => addProposal(kp.publicPackage)));
  const result = await deliverCommit(world, adder, added);
  for (const [i, name] of names.entries()) {
    const leaf = result.summary.added[i]?.leaf ?? -1;
    const tree = treeForJoiner(world.ds, world.ds.groupContext.epoch, leaf);
    const identity = identities[i];
    const keyPackage = keyPackages[i];
    if (tree === undefined || added.welcome === undefined || identity === undefined || keyPackage === undefined) throw new Error(`${name} cannot join`);
    world.members.set(name, await joinFromWelcome(identity, keyPackage, added.welcome, servedTree(tree)));
    world.identities.set(name, identity);
    world.ds = markJoined(world.ds, leaf);
  }
  return result;
}

/** The member named `name`, or an error. */
export function memberOf(world: World, name: string): Member {
  const member = world.members.get(name);
  if (member === undefined) throw new Error(`no member ${name}`);
  return member;
}

/**
 * Asserts that `attempt` is refused by the DS tracker with `reason`; when
 * `unchanged` is given, that the group's serialized state did not change.
 */
export async function expectDsRefusal(reason: DsRefusalReason, attempt: Promise<unknown>, unchanged?: DsGroup): Promise<void> {
  const before = unchanged === undefined ? undefined : serializeDsGroup(unchanged);
  const error = await attempt.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected a ${reason} refusal`).toBeInstanceOf(DsRefusal);
  expect((error as DsRefusal).reason).toBe(reason);
  if (unchanged !== undefined && before !== undefined) expect(Buffer.from(serializeDsGroup(unchanged)).equals(Buffer.from(before))).toBe(true);
}
