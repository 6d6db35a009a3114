import { expect } from 'vitest';
import type { ClientId, DSErrorCode, DSRequest, DSRequestBody } from '../../harness/messages/index.js';
import { leafIndexOf, serializeDsGroup, type CommitOutput, type Member } from '../../harness/mls/index.js';
import { signedDsRequest } from '../../harness/provider/index.js';
import { createFederation, createVirtualClient, embedded, ownerOf, postDsRequest, RequestRefused, type Federation, type VirtualClient } from '../../harness/scenario/index.js';

export const clientOf = (user: string, domain: string, device = 'phone'): ClientId => ({ user: { user_name: user, domain }, client_name: device });

/** A group owned by ds.alpha.test: alice and carol (alpha), bob (beta) joined; bob's laptop and dave (beta) not in it. */
export interface DsWorld {
  readonly federation: Federation;
  readonly group: Uint8Array;
  readonly alice: VirtualClient;
  readonly carol: VirtualClient;
  readonly bob: VirtualClient;
  readonly bobLaptop: VirtualClient;
  readonly dave: VirtualClient;
  readonly everyone: readonly VirtualClient[];
}

/** Builds the world on a fresh federation of alpha and beta. */
export async function createDsWorld(seed = 11): Promise<DsWorld> {
  const federation = await createFederation({ seed, providers: [{ domain: 'alpha.test' }, { domain: 'beta.test' }] });
  const alice = await createVirtualClient(federation, clientOf('alice', 'alpha.test'));
  const carol = await createVirtualClient(federation, clientOf('carol', 'alpha.test'));
  const bob = await createVirtualClient(federation, clientOf('bob', 'beta.test'));
  const bobLaptop = await createVirtualClient(federation, clientOf('bob', 'beta.test', 'laptop'));
  const dave = await createVirtualClient(federation, clientOf('dave', 'beta.test'));
  const group = await alice.createGroup();
  await alice.addUsers(group, [bob.id, carol.id]);
  const everyone = [alice, carol, bob, bobLaptop, dave];
  await federation.settle();
  for (const c of everyone) await c.sync();
  return { federation, group, alice, carol, bob, bobLaptop, dave, everyone };
}

/** The MLSGroupUpdate of a commit. */
export const groupUpdateOf = (out: CommitOutput) => ({ commit: embedded(out.commit), partial_group_info: out.partialGroupInfo });

/** Sends `body` from `client` to the group's DS, signed by `client` as its own leaf unless told otherwise; returns the status and code. */
export async function attempt(world: DsWorld, client: VirtualClient, body: DSRequestBody, options: { senderIndex?: number; signKey?: Uint8Array; anonymous?: boolean; path?: string } = {}): Promise<[number, DSErrorCode | 'ok']> {
  const member = client.member(world.group);
  const request: DSRequest = options.anonymous === true
    ? { version: 1, request_body: body, authentication_data: { auth_type: 'anonymous' } }
    : await signedDsRequest(options.signKey ?? client.identity.signatureKeyPair.signKey, body, options.senderIndex ?? (member === undefined ? 0 : leafIndexOf(member)));
  try {
    await postDsRequest(world.federation.network, client.provider.domain, ownerOf(world.group), options.path ?? '/group_operation', request);
    return [200, 'ok'];
  } catch (error) {
    if (error instanceof RequestRefused && error.code !== 'undecodable') return [error.status, error.code];
    throw error;
  }
}

/**
 * Runs a crafted violation and checks the refusal changed nothing: the DS's
 * group is byte-identical, nothing was queued or fanned out (issue 5 §4).
 */
export async function expectRefused(world: DsWorld, run: () => Promise<[number, DSErrorCode | 'ok']>, expected: [number, DSErrorCode]): Promise<void> {
  const alpha = world.federation.provider('alpha.test');
  const before = alpha.group(world.group);
  const delivered = alpha.outbox.store.delivered;
  expect(await run()).toEqual(expected);
  const after = alpha.group(world.group);
  expect(after === undefined ? undefined : Buffer.from(serializeDsGroup(after)).toString('hex')).toBe(before === undefined ? undefined : Buffer.from(serializeDsGroup(before)).toString('hex'));
  expect(alpha.outbox.pending()).toBe(0);
  await world.federation.settle();
  expect(alpha.outbox.store.delivered).toBe(delivered);
  for (const c of world.everyone) expect(c.provider.takeMessages(c.id), `queue of ${c.id.user.user_name}/${c.id.client_name}`).toEqual([]);
}

/** Every outbox of the world drained, then every client synced. @example await settleWorld(world); */
export async function settleWorld(world: DsWorld): Promise<void> {
  await world.federation.settle();
  for (const c of world.everyone) await c.sync();
}

/** The client's MLS state in the world's group (it must be a member). */
export function memberIn(world: DsWorld, client: VirtualClient): Member {
  const member = client.member(world.group);
  if (member === undefined) throw new Error(`${client.id.client_name}/${client.id.user.user_name} is not in the group`);
  return member;
}
