import { decode, keyPackage as keyPackageCodec, leafNode, mlsMessage, toHex } from 'mimi-transport-harness/codec';
import { clientId as clientIdCodec, type ClientId, type DSRequestBody, type MimiGroupContext, type UserId } from 'mimi-transport-harness/messages';
import {
  addProposal,
  commit,
  createIdentity,
  createKeyPackage,
  createMimiGroup,
  dsCredential,
  epochOf,
  externalJoin,
  externalSendersExtension,
  fromWire,
  groupInfoIn,
  joinFromWelcome,
  keyPackageBytes,
  leafIndexOf,
  leafNodeBytes,
  mimiGroupContextExtension,
  peekWelcome,
  proposeSelfRemove,
  receive,
  removeProposal,
  sendApplication,
  toWire,
  treeFromNodes,
  welcomeFor,
  type CommitOutput,
  type Member,
  type OwnKeyPackage,
} from 'mimi-transport-harness/mls';
import type { ProviderContext } from './context.js';
import type { PublishedKeyPackage } from './directory.js';
import { dsCall, ownerOf, signedDsRequest, type LocalDispatch } from './ds-calls.js';
import { fetchRemoteKeyPackages } from './fetch-key-packages.js';

/** The state snapshot the control API returns with every answer (docs/ADAPTER.md "State snapshot"). */
export interface ClientState {
  readonly received: readonly { readonly groupId: string; readonly text: string }[];
  readonly failures: readonly string[];
  readonly groups: Readonly<Record<string, string>>;
}

const embedded = (bytes: Uint8Array) => decode(mlsMessage, bytes);
const sameUser = (a: UserId, b: UserId) => a.user_name === b.user_name && a.domain === b.domain;
/** The sender_index of a joiner that does not know its leaf yet (profile §8). */
const UNKNOWN_LEAF = 0xffffffff;

function clientInLeaf(member: Member, index: number): ClientId | undefined {
  const node = member.state.ratchetTree[index];
  if (index % 2 !== 0 || node?.nodeType !== 'leaf' || node.leaf.credential.credentialType !== 'basic') return undefined;
  return decode(clientIdCodec, node.leaf.credential.identity);
}

function domainOf(kp: PublishedKeyPackage): string {
  const credential = kp.value.leafNode.credential;
  if (credential.credentialType !== 'basic') throw new Error('a KeyPackage without a ClientID credential');
  return decode(clientIdCodec, credential.identity).user.domain;
}

/**
 * One of our clients, driven by the control API (docs/ADAPTER.md): an MLS client of the MLS layer that talks to
 * its own provider in-process and, through it, to the DS that owns each group. It publishes `keyPackages` regular
 * KeyPackages (default 3), one connection KeyPackage and, unless `lastResort` is false, a last-resort one; creating
 * a ClientID again replaces the earlier client (its KeyPackages and queue are forgotten).
 *
 * @example
 * const bob = await createControlClient(ctx, local, { user: { user_name: 'bob', domain: 'indie.test' }, client_name: 'phone' }, {});
 * const groupId = await bob.createGroup('regular');
 */
export async function createControlClient(ctx: ProviderContext, local: LocalDispatch, id: ClientId, options: { readonly keyPackages?: number; readonly lastResort?: boolean }) {
  if (id.user.domain !== ctx.domain) throw new Error(`this provider creates clients of ${ctx.domain} only, not ${id.user.domain}`);
  const identity = await createIdentity(id);
  const signKey = identity.signatureKeyPair.signKey;
  const own: OwnKeyPackage[] = [];
  const published = async (kind: 'regular' | 'connection' | 'last-resort'): Promise<PublishedKeyPackage> => {
    const kp = await createKeyPackage(identity, kind);
    own.push(kp);
    return decode(keyPackageCodec, keyPackageBytes(kp));
  };
  const regular: PublishedKeyPackage[] = [];
  for (let i = 0; i < (options.keyPackages ?? 3); i++) regular.push(await published('regular'));
  const connection = [await published('connection')];
  const lastResort = options.lastResort === false ? {} : { regular: await published('last-resort') };
  ctx.directory.replace(id, { regular, connection }, lastResort);

  const members = new Map<string, Member>();
  const received: { groupId: string; text: string }[] = [];
  const failures: string[] = [];
  const memberOf = (groupId: Uint8Array): Member => {
    const found = members.get(toHex(groupId));
    if (found === undefined) throw new Error(`the client is not in group ${toHex(groupId)}`);
    return found;
  };
  const anonymous = { auth_type: 'anonymous' } as const;
  const call = (dsDomain: string, path: string, request: Parameters<typeof dsCall>[4]) => dsCall(ctx, local, dsDomain, path, request);
  const signed = async (groupId: Uint8Array, body: DSRequestBody, senderIndex: number) => call(ownerOf(groupId), '/group_operation', await signedDsRequest(signKey, body, senderIndex));
  const groupUpdate = (out: CommitOutput) => ({ commit: embedded(out.commit), partial_group_info: out.partialGroupInfo });
  const adopt = async (groupId: Uint8Array, out: CommitOutput, body: DSRequestBody, before: Member) => {
    await signed(groupId, body, leafIndexOf(before));
    members.set(toHex(groupId), out.member);
  };
  const keyPackagesOf = async (clients: readonly ClientId[]): Promise<PublishedKeyPackage[]> => {
    const byDomain = new Map<string, ClientId[]>();
    for (const c of clients) byDomain.set(c.user.domain, [...(byDomain.get(c.user.domain) ?? []), c]);
    const out: PublishedKeyPackage[] = [];
    for (const [domain, wanted] of byDomain) out.push(...(domain === ctx.domain ? ctx.directory.take(wanted, 'regular') : await fetchRemoteKeyPackages(ctx, id.user, wanted)));
    return out;
  };
  const joinWelcome = async (bytes: Uint8Array): Promise<void> => {
    for (const kp of own) {
      let peeked: { groupId: Uint8Array; epoch: bigint };
      try {
        peeked = await peekWelcome(kp, bytes);
      } catch {
        continue;
      }
      const request = await signedDsRequest(signKey, { request_type: 'ds_welcome_info', welcome_info_request: { group_id: peeked.groupId, epoch: peeked.epoch } }, UNKNOWN_LEAF);
      const body = await call(ownerOf(peeked.groupId), '/welcome_information', request);
      if (body.response_type !== 'welcome_info') throw new Error(`expected welcome_info, got ${body.response_type}`);
      members.set(toHex(peeked.groupId), await joinFromWelcome(identity, kp, bytes, treeFromNodes(body.ratchet_tree)));
      return;
    }
    throw new Error('a Welcome for none of its KeyPackages');
  };
  const processQueued = async (bytes: Uint8Array): Promise<void> => {
    const message = fromWire(bytes);
    if (message.wireformat === 'mls_welcome') return joinWelcome(bytes);
    const groupId = message.wireformat === 'mls_public_message' ? message.publicMessage.content.groupId : message.wireformat === 'mls_private_message' ? message.privateMessage.groupId : undefined;
    if (groupId === undefined) throw new Error(`a ${message.wireformat} in the queue`);
    const result = await receive(memberOf(groupId), bytes);
    if (result.kind === 'application') received.push({ groupId: toHex(groupId), text: new TextDecoder().decode(result.data) });
    if (result.kind === 'handshake' && result.removed) members.delete(toHex(groupId));
    else members.set(toHex(groupId), result.member);
  };

  return {
    id,
    state(): ClientState {
      return { received: [...received], failures: [...failures], groups: Object.fromEntries([...members].map(([hex, member]) => [hex, epochOf(member).toString()])) };
    },
    /** DS draft "Create group" on our own DS: a fresh group id, our DS as external sender (profile §12). */
    async createGroup(kind: MimiGroupContext['kind']): Promise<Uint8Array> {
      const idBody = await call(ctx.dsDomain, '/group_operation', { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: anonymous });
      if (idBody.response_type !== 'group_id') throw new Error('the DS did not answer with a group id');
      const groupId = idBody.group_id;
      const kp = await createKeyPackage(identity);
      const extensions = [mimiGroupContextExtension({ protocol_version: 1, kind }), externalSendersExtension([{ signaturePublicKey: ctx.keys.publicKey, credential: dsCredential(ctx.dsDomain) }])];
      const { member, groupInfo } = await createMimiGroup(identity, kp, groupId, extensions);
      const group_info = embedded(toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo }));
      await signed(groupId, { request_type: 'ds_create_group', create_group_request: { group_id: groupId, leaf_node: decode(leafNode, leafNodeBytes(kp)), group_info } }, 0);
      members.set(toHex(groupId), member);
      return groupId;
    },
    /** DS draft "Add users to a group": KeyPackages from each provider, one Welcome per provider. */
    async addUsers(groupId: Uint8Array, clients: readonly ClientId[]): Promise<void> {
      const member = memberOf(groupId);
      const keyPackages = await keyPackagesOf(clients);
      const out = await commit(member, keyPackages.map((kp) => addProposal(kp.value)));
      const welcome = out.welcome;
      if (welcome === undefined) throw new Error('an Add commit without a Welcome');
      const domains = [...new Set(keyPackages.map(domainOf))];
      const welcome_messages = await Promise.all(domains.map(async (domain) => embedded(await welcomeFor(welcome, keyPackages.filter((kp) => domainOf(kp) === domain).map((kp) => kp.value)))));
      await adopt(groupId, out, { request_type: 'ds_add_users', add_users_request: { group_update: groupUpdate(out), welcome_messages } }, member);
    },
    /** DS draft "Remove users from a group": every leaf of each user, by value. */
    async removeUsers(groupId: Uint8Array, users: readonly UserId[]): Promise<void> {
      const member = memberOf(groupId);
      const leaves = member.state.ratchetTree.flatMap((_, index) => {
        const client = clientInLeaf(member, index);
        return client !== undefined && users.some((u) => sameUser(u, client.user)) ? [index / 2] : [];
      });
      const out = await commit(member, leaves.map(removeProposal));
      await adopt(groupId, out, { request_type: 'ds_remove_users', remove_users_request: { group_update: groupUpdate(out) } }, member);
    },
    /** DS draft "Self remove a client from a group": a standalone Remove of itself. */
    async selfRemove(groupId: Uint8Array): Promise<void> {
      const member = memberOf(groupId);
      const { member: next, proposal } = await proposeSelfRemove(member);
      await signed(groupId, { request_type: 'ds_self_remove_client', self_remove_client_request: { proposal: embedded(proposal) } }, leafIndexOf(member));
      members.set(toHex(groupId), next);
    },
    /** DS draft "Update a client in a group": a commit with a path (and every stored proposal by reference). */
    async update(groupId: Uint8Array): Promise<void> {
      const member = memberOf(groupId);
      const out = await commit(member);
      await adopt(groupId, out, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdate(out) } }, member);
    },
    /** DS draft "Join the group using an external commit", a resync when it is a member already. */
    async externalJoin(groupId: Uint8Array): Promise<void> {
      const owner = ownerOf(groupId);
      const body = await call(owner, '/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: groupId } }, authentication_data: anonymous });
      if (body.response_type !== 'external_commit_info') throw new Error(`expected external_commit_info, got ${body.response_type}`);
      const groupInfo = groupInfoIn(body.group_info.value);
      if (groupInfo === undefined) throw new Error('the DS served no GroupInfo');
      const out = await externalJoin(identity, await createKeyPackage(identity), groupInfo, treeFromNodes(body.ratchet_tree), members.has(toHex(groupId)));
      await call(owner, '/group_operation', { version: 1, request_body: { request_type: 'ds_external_join', external_join_request: { group_update: { commit: embedded(out.commit), partial_group_info: out.partialGroupInfo } } }, authentication_data: anonymous });
      members.set(toHex(groupId), out.member);
    },
    /** DS draft "Send an application message to a group". */
    async send(groupId: Uint8Array, text: string): Promise<void> {
      const member = memberOf(groupId);
      const { member: next, message } = await sendApplication(member, new TextEncoder().encode(text));
      await signed(groupId, { request_type: 'ds_send_message', send_message_request: { application_message: embedded(message) } }, leafIndexOf(member));
      members.set(toHex(groupId), next);
    },
    /** Takes everything queued for it at our QS and processes it in order (Welcomes join groups). */
    async sync(): Promise<number> {
      const queued = ctx.directory.drain(id);
      for (const entry of queued) {
        try {
          await processQueued(entry.message);
        } catch (error) {
          failures.push(`${entry.sender}#${entry.messageId}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return queued.length;
    },
  };
}

/** A client of {@link createControlClient}. */
export type ControlClient = Awaited<ReturnType<typeof createControlClient>>;
