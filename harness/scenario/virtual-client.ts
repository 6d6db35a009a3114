import { decode, keyPackage as keyPackageCodec, leafNode, toHex } from '../codec/index.js';
import { clientId as clientIdCodec, type ClientId, type DSRequest, type DSRequestBody, type MimiGroupContext, type UserId } from '../messages/index.js';

type MimiGroupKind = MimiGroupContext['kind'];
import {
  addProposal,
  commit,
  commitReinit,
  createIdentity,
  createKeyPackage,
  createMimiGroup,
  dsCredential,
  epochOf,
  externalJoin,
  externalSendersExtension,
  fromWire,
  groupInfoIn,
  leafIndexOf,
  mimiGroupContextExtension,
  peekWelcome,
  proposeSelfRemove,
  receive,
  removeProposal,
  sendApplication,
  joinFromWelcome,
  keyPackageBytes,
  leafNodeBytes,
  toWire,
  treeFromNodes,
  welcomeFor,
  type ClientIdentity,
  type CommitOutput,
  type Member,
  type OwnKeyPackage,
} from '../mls/index.js';
import { signedDsRequest, UNKNOWN_LEAF, type Provider, type QueuedMessage, type StoredKeyPackage } from '../provider/index.js';
import { embedded, ownerOf, postDsRequest, RequestRefused } from './ds-client.js';
import type { Network } from '../network/index.js';

/**
 * Where a virtual client lives: a network and the reference providers it can
 * be a client of. A {@link Federation} is one; a conformance run's harness
 * peers are another.
 */
export interface ClientHome {
  readonly network: Network;
  provider(domain: string): Provider;
}

/** An application message a client received: its group and text. */
export interface ReceivedMessage {
  readonly groupId: string;
  readonly text: string;
}

/**
 * A virtual client of one provider: it keeps its MLS state per group and
 * talks to owning DSs through its provider's host (the client-to-provider
 * protocol is outside the drafts). Every operation sends the DS draft's
 * request and adopts the new MLS state only once the DS has said ok, so a
 * refused operation leaves the client as it was.
 */
export interface VirtualClient {
  readonly id: ClientId;
  readonly identity: ClientIdentity;
  readonly provider: Provider;
  /** Application messages received, in order. */
  readonly received: readonly ReceivedMessage[];
  /** Messages it could not process (none in an honest run). */
  readonly failures: readonly string[];
  /**
   * Messages it had no use for, and why: a Welcome whose tree the DS no
   * longer keeps (the client was removed before it joined), or a message of
   * a group it is not in (sent while it was added but had not joined yet).
   */
  readonly skipped: readonly string[];
  member(groupId: Uint8Array): Member | undefined;
  /** The groups it is a member of, by group id in lower-case hex. */
  groupIds(): readonly string[];
  /**
   * Creates a group (DS draft "Create group") on its provider's DS, or on
   * `options.dsDomain`: how a conformance check makes a target's DS own a
   * group whose members are all the harness's own clients.
   */
  createGroup(kind?: MimiGroupKind, options?: { readonly dsDomain?: string }): Promise<Uint8Array>;
  addUsers(groupId: Uint8Array, clients: readonly ClientId[]): Promise<void>;
  addClients(groupId: Uint8Array, clients: readonly ClientId[]): Promise<void>;
  removeUsers(groupId: Uint8Array, users: readonly UserId[]): Promise<void>;
  removeClients(groupId: Uint8Array, clients: readonly ClientId[]): Promise<void>;
  selfRemove(groupId: Uint8Array): Promise<void>;
  update(groupId: Uint8Array): Promise<void>;
  /** External join (DS draft "Join a group by external commit"); by a client already in the group, a resync: the commit also removes its old leaf. */
  externalJoin(groupId: Uint8Array): Promise<void>;
  /**
   * ReInit (DS draft "ReInitialize a group", RFC 9420 §11.2): commits a
   * ReInit naming a fresh group id of the same DS, then creates that group
   * with the old group's extensions and adds every other member with fresh
   * KeyPackages (users by AddUsers, its own user's other clients by
   * AddClients). Returns the new group's id; the old group is suspended.
   */
  reinit(groupId: Uint8Array): Promise<Uint8Array>;
  send(groupId: Uint8Array, text: string): Promise<void>;
  deleteGroup(groupId: Uint8Array): Promise<void>;
  /** Connection establishment (DS draft "Connection establishment flow"): a connection group on the own DS with `user`'s clients invited. */
  connect(user: UserId): Promise<Uint8Array>;
  /** Processes everything queued for it at its provider; returns how many messages it took. */
  sync(): Promise<number>;
}

const sameUser = (a: UserId, b: UserId) => a.user_name === b.user_name && a.domain === b.domain;
const sameClient = (a: ClientId, b: ClientId) => sameUser(a.user, b.user) && a.client_name === b.client_name;

/**
 * Creates a client of its provider with `keyPackages` (default 3) regular
 * KeyPackages, one connection KeyPackage and (unless `lastResort: false`) a
 * last-resort one uploaded to its provider.
 *
 * @example
 * const alice = await createVirtualClient(federation, { user: { user_name: 'alice', domain: 'alpha.test' }, client_name: 'phone' });
 */
export async function createVirtualClient(federation: ClientHome, id: ClientId, options: { readonly keyPackages?: number; readonly lastResort?: boolean } = {}): Promise<VirtualClient> {
  const { network } = federation;
  const provider = federation.provider(id.user.domain);
  const identity = await createIdentity(id);
  const own: OwnKeyPackage[] = [];
  const upload = async (kind: 'regular' | 'connection' | 'last-resort'): Promise<void> => {
    const kp = await createKeyPackage(identity, kind);
    own.push(kp);
    const stored = decode(keyPackageCodec, keyPackageBytes(kp));
    if (kind === 'last-resort') provider.directory.setLastResort(id, stored);
    else provider.directory.addKeyPackages(id, kind, [stored]);
  };
  provider.directory.addClient(id);
  for (let i = 0; i < (options.keyPackages ?? 3); i++) await upload('regular');
  await upload('connection');
  if (options.lastResort !== false) await upload('last-resort');

  const members = new Map<string, Member>();
  const received: ReceivedMessage[] = [];
  const failures: string[] = [];
  const skipped: string[] = [];
  /** Messages held back because the network failed while processing them; retried first, in order, on the next sync. */
  let backlog: QueuedMessage[] = [];
  const memberOf = (groupId: Uint8Array): Member => {
    const found = members.get(toHex(groupId));
    if (found === undefined) throw new Error(`${id.client_name}/${id.user.user_name}@${id.user.domain} is not in group ${toHex(groupId)}`);
    return found;
  };
  const dsCall = (dsDomain: string, path: string, request: DSRequest) => postDsRequest(network, provider.domain, dsDomain, path, request);
  const signed = async (groupId: Uint8Array, body: DSRequestBody, senderIndex: number) => dsCall(ownerOf(groupId), '/group_operation', await signedDsRequest(identity.signatureKeyPair.signKey, body, senderIndex));
  const groupUpdate = (out: CommitOutput) => ({ commit: embedded(out.commit), partial_group_info: out.partialGroupInfo });
  const commitAs = async (groupId: Uint8Array, out: CommitOutput, body: DSRequestBody, member: Member): Promise<void> => {
    await signed(groupId, body, leafIndexOf(member));
    members.set(toHex(groupId), out.member);
  };
  const keyPackagesOf = async (clients: readonly ClientId[]): Promise<StoredKeyPackage[]> => {
    const byDomain = new Map<string, ClientId[]>();
    for (const c of clients) byDomain.set(c.user.domain, [...(byDomain.get(c.user.domain) ?? []), c]);
    const out: StoredKeyPackage[] = [];
    for (const [domain, wanted] of byDomain) {
      if (domain === provider.domain) {
        const body = await dsCall(provider.dsDomain, '/group_operation', { version: 1, request_body: { request_type: 'ds_key_packages', key_packages_request: { client_identifiers: wanted } }, authentication_data: { auth_type: 'anonymous' } });
        if (body.response_type !== 'key_packages') throw new Error(`expected key_packages, got ${body.response_type}`);
        out.push(...body.key_packages);
      } else {
        out.push(...(await network.drive(network.run(provider.domain, () => provider.requestGroupKeyPackages(id.user, wanted)))));
      }
    }
    return out;
  };
  const add = async (groupId: Uint8Array, keyPackages: readonly StoredKeyPackage[], type: 'ds_add_users' | 'ds_add_clients'): Promise<void> => {
    const member = memberOf(groupId);
    const out = await commit(member, keyPackages.map((kp) => addProposal(kp.value)));
    if (out.welcome === undefined) throw new Error('an Add commit without a Welcome');
    const domains = [...new Set(keyPackages.map((kp) => domainOfKeyPackage(kp)))];
    const welcomes = await Promise.all(domains.map(async (domain) => embedded(await welcomeFor(out.welcome as Uint8Array, keyPackages.filter((kp) => domainOfKeyPackage(kp) === domain).map((kp) => kp.value)))));
    const request = { group_update: groupUpdate(out), welcome_messages: welcomes };
    await commitAs(groupId, out, type === 'ds_add_users' ? { request_type: type, add_users_request: request } : { request_type: type, add_clients_request: request }, member);
  };
  const leavesWhere = (member: Member, keep: (client: ClientId) => boolean): number[] =>
    member.state.ratchetTree.flatMap((node, index) => {
      if (index % 2 !== 0 || node?.nodeType !== 'leaf' || node.leaf.credential.credentialType !== 'basic') return [];
      const client = decode(clientIdCodec, node.leaf.credential.identity);
      return keep(client) ? [index / 2] : [];
    });
  const anonymous = { auth_type: 'anonymous' } as const;
  const newGroupId = async (dsDomain: string): Promise<Uint8Array> => {
    const idBody = await dsCall(dsDomain, '/group_operation', { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: anonymous });
    if (idBody.response_type !== 'group_id') throw new Error('the DS did not answer with a group id');
    return idBody.group_id;
  };
  /** DS draft "Create group" with a given id and GroupContext extensions. */
  const createWith = async (groupId: Uint8Array, extensions: Parameters<typeof createMimiGroup>[3]): Promise<Uint8Array> => {
    const kp = await createKeyPackage(identity);
    const { member, groupInfo } = await createMimiGroup(identity, kp, groupId, extensions);
    const body: DSRequestBody = {
      request_type: 'ds_create_group',
      create_group_request: { group_id: groupId, leaf_node: decode(leafNode, leafNodeBytes(kp)), group_info: embedded(toWire({ version: 'mls10', wireformat: 'mls_group_info', groupInfo })) },
    };
    await signed(groupId, body, 0);
    members.set(toHex(groupId), member);
    return groupId;
  };
  const createGroup = async (kind: MimiGroupKind = 'regular', options: { readonly dsDomain?: string } = {}): Promise<Uint8Array> => {
    const dsDomain = options.dsDomain ?? provider.dsDomain;
    const groupId = await newGroupId(dsDomain);
    const keyBody = await dsCall(dsDomain, '/group_operation', { version: 1, request_body: { request_type: 'ds_signature_public_key' }, authentication_data: anonymous });
    if (keyBody.response_type !== 'signature_public_key') throw new Error('the DS did not answer with its key');
    const extensions = [mimiGroupContextExtension({ protocol_version: 1, kind }), externalSendersExtension([{ signaturePublicKey: keyBody.signature_public_key, credential: dsCredential(dsDomain) }])];
    return createWith(groupId, extensions);
  };
  const clientsWhere = (member: Member, keep: (client: ClientId) => boolean): ClientId[] =>
    member.state.ratchetTree.flatMap((node, index) => {
      if (index % 2 !== 0 || node?.nodeType !== 'leaf' || node.leaf.credential.credentialType !== 'basic') return [];
      const client = decode(clientIdCodec, node.leaf.credential.identity);
      return keep(client) ? [client] : [];
    });
  const joinWelcome = async (bytes: Uint8Array): Promise<void> => {
    for (const kp of own) {
      let peeked: { groupId: Uint8Array; epoch: bigint };
      try {
        peeked = await peekWelcome(kp, bytes);
      } catch {
        continue;
      }
      const request = await signedDsRequest(identity.signatureKeyPair.signKey, { request_type: 'ds_welcome_info', welcome_info_request: { group_id: peeked.groupId, epoch: peeked.epoch } }, UNKNOWN_LEAF);
      let body;
      try {
        body = await dsCall(ownerOf(peeked.groupId), '/welcome_information', request);
      } catch (error) {
        // Profile §4: the tree is kept only until the joiner joins or leaves; removed before joining, the Welcome is void.
        if (error instanceof RequestRefused && error.code === 'wrong_epoch') throw new Skipped(`a Welcome to epoch ${peeked.epoch} whose tree the DS no longer keeps`);
        throw error;
      }
      if (body.response_type !== 'welcome_info') throw new Error(`expected welcome_info, got ${body.response_type}`);
      members.set(toHex(peeked.groupId), await joinFromWelcome(identity, kp, bytes, treeFromNodes(body.ratchet_tree)));
      return;
    }
    throw new Error('a Welcome for none of its KeyPackages');
  };
  const process = async (bytes: Uint8Array): Promise<void> => {
    const message = fromWire(bytes);
    if (message.wireformat === 'mls_welcome') return joinWelcome(bytes);
    const groupId = message.wireformat === 'mls_public_message' ? message.publicMessage.content.groupId : message.wireformat === 'mls_private_message' ? message.privateMessage.groupId : undefined;
    if (groupId === undefined) throw new Error(`a ${message.wireformat} in the queue`);
    if (!members.has(toHex(groupId))) throw new Skipped(`a ${message.wireformat} of a group it is not in`);
    const result = await receive(memberOf(groupId), bytes);
    if (result.kind === 'application') received.push({ groupId: toHex(groupId), text: new TextDecoder().decode(result.data) });
    if (result.kind === 'handshake' && result.removed) members.delete(toHex(groupId));
    else members.set(toHex(groupId), result.member);
  };

  return {
    id,
    identity,
    provider,
    received,
    failures,
    skipped,
    member: (groupId) => members.get(toHex(groupId)),
    groupIds: () => [...members.keys()],
    createGroup,
    addUsers: async (groupId, clients) => add(groupId, await keyPackagesOf(clients), 'ds_add_users'),
    addClients: async (groupId, clients) => add(groupId, await keyPackagesOf(clients), 'ds_add_clients'),
    async removeUsers(groupId, users) {
      const member = memberOf(groupId);
      const out = await commit(member, leavesWhere(member, (c) => users.some((u) => sameUser(u, c.user))).map(removeProposal));
      await commitAs(groupId, out, { request_type: 'ds_remove_users', remove_users_request: { group_update: groupUpdate(out) } }, member);
    },
    async removeClients(groupId, clients) {
      const member = memberOf(groupId);
      const out = await commit(member, leavesWhere(member, (c) => clients.some((x) => sameClient(x, c))).map(removeProposal));
      await commitAs(groupId, out, { request_type: 'ds_remove_clients', remove_clients_request: { group_update: groupUpdate(out) } }, member);
    },
    async selfRemove(groupId) {
      const member = memberOf(groupId);
      const { member: next, proposal } = await proposeSelfRemove(member);
      await signed(groupId, { request_type: 'ds_self_remove_client', self_remove_client_request: { proposal: embedded(proposal) } }, leafIndexOf(member));
      members.set(toHex(groupId), next);
    },
    async update(groupId) {
      const member = memberOf(groupId);
      const out = await commit(member);
      await commitAs(groupId, out, { request_type: 'ds_update_client', update_client_request: { group_update: groupUpdate(out) } }, member);
    },
    async externalJoin(groupId) {
      const body = await dsCall(ownerOf(groupId), '/external_commit_information', { version: 1, request_body: { request_type: 'ds_external_commit_info', external_commit_info_request: { group_id: groupId } }, authentication_data: { auth_type: 'anonymous' } });
      if (body.response_type !== 'external_commit_info') throw new Error(`expected external_commit_info, got ${body.response_type}`);
      const groupInfo = groupInfoIn(body.group_info.value);
      if (groupInfo === undefined) throw new Error('the DS served no GroupInfo');
      const out = await externalJoin(identity, await createKeyPackage(identity), groupInfo, treeFromNodes(body.ratchet_tree), members.has(toHex(groupId)));
      await dsCall(ownerOf(groupId), '/group_operation', { version: 1, request_body: { request_type: 'ds_external_join', external_join_request: { group_update: { commit: embedded(out.commit), partial_group_info: out.partialGroupInfo } } }, authentication_data: { auth_type: 'anonymous' } });
      members.set(toHex(groupId), out.member);
    },
    async reinit(groupId) {
      const member = memberOf(groupId);
      const next = await newGroupId(ownerOf(groupId));
      const extensions = member.state.groupContext.extensions;
      const out = await commitReinit(member, next, extensions);
      await commitAs(groupId, out, { request_type: 'ds_re_initialize_group', re_initialize_group_request: { commit: groupUpdate(out) } }, member);
      const others = clientsWhere(member, (c) => !sameClient(c, id));
      await createWith(next, extensions);
      // A plain first commit, no resumption PSK: the DS's add_users takes Adds by value only (profile §14).
      const users = others.filter((c) => !sameUser(c.user, id.user));
      const ownDevices = others.filter((c) => sameUser(c.user, id.user));
      if (users.length > 0) await add(next, await keyPackagesOf(users), 'ds_add_users');
      if (ownDevices.length > 0) await add(next, await keyPackagesOf(ownDevices), 'ds_add_clients');
      return next;
    },
    async send(groupId, text) {
      const member = memberOf(groupId);
      const { member: next, message } = await sendApplication(member, new TextEncoder().encode(text));
      await signed(groupId, { request_type: 'ds_send_message', send_message_request: { application_message: embedded(message) } }, leafIndexOf(member));
      members.set(toHex(groupId), next);
    },
    async deleteGroup(groupId) {
      const member = memberOf(groupId);
      const out = await commit(member, leavesWhere(member, (c) => !sameClient(c, id)).map(removeProposal));
      await commitAs(groupId, out, { request_type: 'ds_delete_group', delete_group_request: { group_update: groupUpdate(out) } }, member);
      members.delete(toHex(groupId));
    },
    async connect(user) {
      const keyPackages = await network.drive(network.run(provider.domain, () => provider.requestConnectionKeyPackages(id.user, user)));
      const groupId = await createGroup('connection');
      await add(groupId, keyPackages, 'ds_add_users');
      return groupId;
    },
    async sync() {
      const queued = [...backlog, ...provider.takeMessages(id)];
      backlog = [];
      for (const [index, entry] of queued.entries()) {
        try {
          await process(entry.message);
        } catch (error) {
          const name = `${entry.sender}#${entry.messageId}`;
          if (error instanceof Skipped) skipped.push(`${name}: ${error.message}`);
          else if (transient(error)) {
            // Keep this one and everything after it, in order, for the next sync.
            backlog = queued.slice(index);
            return index;
          } else failures.push(`${name}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
      return queued.length;
    },
  };
}

/** A message the client has no use for (not a failure); see {@link VirtualClient.skipped}. */
class Skipped extends Error {
  override readonly name = 'Skipped';
}

/** The network failed, or the DS is busy: worth retrying later. */
function transient(error: unknown): boolean {
  return (error instanceof TypeError && error.message === 'fetch failed') || (error instanceof RequestRefused && (error.status === 503 || error.status === 429));
}

function domainOfKeyPackage(kp: StoredKeyPackage): string {
  const credential = kp.value.leafNode.credential;
  if (credential.credentialType !== 'basic') throw new Error('a KeyPackage without a ClientID credential');
  return decode(clientIdCodec, credential.identity).user.domain;
}

/** @internal the epoch a client is at in a group, for assertions. */
export function epochIn(client: VirtualClient, groupId: Uint8Array): bigint | undefined {
  const member = client.member(groupId);
  return member === undefined ? undefined : epochOf(member);
}
