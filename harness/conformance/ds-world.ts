import { performance } from 'node:perf_hooks';
import type { ClientId, DSErrorCode, DSRequest, DSRequestBody } from '../messages/index.js';
import { leafIndexOf } from '../mls/index.js';
import { signedDsRequest } from '../provider/index.js';
import { createVirtualClient, ownerOf, postDsRequest, RequestRefused, type VirtualClient } from '../scenario/index.js';
import type { CheckContext } from './check.js';

/** One of the harness's clients: a user at a harness peer (by index into `ctx.peers`). */
export interface ClientSpec {
  readonly user: string;
  /** Index into `ctx.peers` (default 0). */
  readonly peer?: number;
  readonly device?: string;
}

/** A group the target's DS owns, whose members are all the harness's own clients (issue 10 §1). */
export interface TargetGroup {
  readonly group: Uint8Array;
  /** Members, creator first, in the order of the spec. */
  readonly members: readonly VirtualClient[];
  /** Clients of the same peers that are not in the group (for attempts by non-members). */
  readonly outsiders: readonly VirtualClient[];
}

/** The ClientId of a spec. @example clientIdOf(ctx, { user: 'alice' }) */
export function clientIdOf(ctx: CheckContext, spec: ClientSpec): ClientId {
  const peer = ctx.peers[spec.peer ?? 0];
  if (peer === undefined) throw new Error(`the check has no harness peer ${spec.peer ?? 0} (it has ${ctx.peers.length})`);
  return { user: { user_name: spec.user, domain: peer.domain }, client_name: spec.device ?? 'phone' };
}

/** A harness client at a harness peer, with KeyPackages at its provider. @example const alice = await harnessClient(ctx, { user: 'alice' }); */
export function harnessClient(ctx: CheckContext, spec: ClientSpec, options?: { readonly keyPackages?: number; readonly lastResort?: boolean }): Promise<VirtualClient> {
  return createVirtualClient(ctx.home, clientIdOf(ctx, spec), options);
}

/**
 * Lets every exchange and background delivery run to its end: the peers'
 * outboxes drain, and the target's background work (its fan-out) runs
 * until the network is quiet; `virtualMs` also lets that much virtual time
 * pass (for retries). Then every listed client takes its queue.
 *
 * @example
 * await settleTarget(ctx, world.members);
 */
export async function settleTarget(ctx: CheckContext, clients: readonly VirtualClient[] = [], options: { readonly virtualMs?: number } = {}): Promise<void> {
  for (let round = 0; round < 3; round++) {
    await ctx.network.advance(round === 0 ? (options.virtualMs ?? 0) : 0);
    for (const peer of ctx.peers) await ctx.network.drive(peer.provider.outbox.settled());
    // An external target's background work is invisible to the virtual clock: wait for it in real time, bounded.
    if (ctx.targetQuiet !== undefined) await ctx.targetQuiet({ fromNow: round === 0 });
  }
  for (const client of clients) await client.sync();
}

/**
 * {@link settleTarget}, then, for an external target, whose retries run on
 * its own real clock that `virtualMs` cannot move (issue 11 §1), settles
 * again until `done()` holds, at most `realMs` (default 15000) of real time.
 *
 * @example
 * await settleUntil(ctx, [bob], () => bob.received.some((m) => m.text === text), { virtualMs: 65_000 });
 */
export async function settleUntil(ctx: CheckContext, clients: readonly VirtualClient[], done: () => boolean, options: { readonly virtualMs?: number; readonly realMs?: number } = {}): Promise<void> {
  await settleTarget(ctx, clients, options);
  if (ctx.targetQuiet === undefined) return;
  const deadline = performance.now() + (options.realMs ?? 15_000);
  while (!done() && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    await settleTarget(ctx, clients);
  }
}

/**
 * Builds a group on the target's DS: the first spec creates it there (DS
 * draft "Create group") and adds the others (one AddUsers commit); the
 * outsiders get KeyPackages but stay out. Every member has joined from its
 * Welcome when it returns.
 *
 * @example
 * const world = await groupOnTarget(ctx, [{ user: 'alice' }, { user: 'bob', peer: 1 }]);
 */
export async function groupOnTarget(ctx: CheckContext, members: readonly ClientSpec[], outsiders: readonly ClientSpec[] = []): Promise<TargetGroup> {
  const [first, ...rest] = members;
  if (first === undefined) throw new Error('a group needs a creator');
  const creator = await harnessClient(ctx, first);
  const others: VirtualClient[] = [];
  for (const spec of rest) others.push(await harnessClient(ctx, spec));
  const out: VirtualClient[] = [];
  for (const spec of outsiders) out.push(await harnessClient(ctx, spec));
  const group = await creator.createGroup('regular', { dsDomain: ctx.target.dsDomain });
  if (others.length > 0) await creator.addUsers(group, others.map((c) => c.id));
  const everyone = [creator, ...others];
  // An external target's Welcome fan-out may start after a quiet period on a busy machine: wait until all joined (bounded).
  await settleUntil(ctx, [...everyone, ...out], () => others.every((client) => client.member(group) !== undefined));
  for (const client of others) if (client.member(group) === undefined) throw new Error(`${client.id.user.user_name}@${client.id.user.domain} did not join the target's group (failures: ${client.failures.join('; ') || 'none'})`);
  return { group, members: everyone, outsiders: out };
}

/** What a DS answered to one request: `ok` or the DSError's code, with the status. */
export interface DsOutcome {
  readonly status: number;
  readonly code: DSErrorCode | 'ok' | 'undecodable';
  readonly detail: string;
}

/**
 * Sends a DSRequest body to the group's owning DS from `client`'s provider,
 * signed by `client` as its own leaf unless told otherwise, and reports the
 * outcome instead of throwing.
 *
 * @example
 * const outcome = await dsAttempt(ctx, world.group, mallory, body, { senderIndex: 0 });
 */
export async function dsAttempt(ctx: CheckContext, group: Uint8Array, client: VirtualClient, body: DSRequestBody, options: { readonly senderIndex?: number; readonly signKey?: Uint8Array; readonly anonymous?: boolean; readonly path?: string } = {}): Promise<DsOutcome> {
  const member = client.member(group);
  const request: DSRequest = options.anonymous === true
    ? { version: 1, request_body: body, authentication_data: { auth_type: 'anonymous' } }
    : await signedDsRequest(options.signKey ?? client.identity.signatureKeyPair.signKey, body, options.senderIndex ?? (member === undefined ? 0 : leafIndexOf(member)));
  try {
    await postDsRequest(ctx.network, client.provider.domain, ownerOf(group), options.path ?? '/group_operation', request);
    return { status: 200, code: 'ok', detail: '' };
  } catch (error) {
    if (error instanceof RequestRefused) return { status: error.status, code: error.code, detail: error.detail };
    throw error;
  }
}

/** `200 ok` or `403 unauthorized: …`, for evidence. @example describeOutcome(outcome) */
export function describeOutcome(outcome: DsOutcome): string {
  return `${outcome.status} ${outcome.code}${outcome.detail === '' ? '' : `: ${outcome.detail}`}`;
}
