/**
 * Valid request bodies for the endpoint fuzzer (docs/FUZZING.md "Endpoint
 * fuzzing", issue 12 §3), one or more per endpoint of the transport draft,
 * built on a world the target holds state for: a group on the target's DS
 * with two harness members, and (with a control interface) a target client
 * with one KeyPackage. A signed body also comes as its signed part (the
 * TBS) with a way to sign it again as the harness peer or member the target
 * trusts, so that a mutation of that part reaches past the signature check.
 */
import fc from 'fast-check';
import { createTrace, decode, encode, encodeTraced, type Codec } from '../codec/index.js';
import { signedDsRequest } from '../provider/index.js';
import {
  CLIENT_SIGNATURE_LABEL,
  CONNECTION_KEY_PACKAGE_REQUEST_LABEL,
  connectionKeyPackageRequestTbs,
  dsAuthData,
  dsFanoutRequestTbs,
  dsRequest,
  dsRequestBody,
  FANOUT_SIGNATURE_LABELS,
  GROUP_KEY_PACKAGE_REQUEST_LABEL,
  groupKeyPackageRequestTbs,
  queueingServiceRequest,
  QSRequestType,
  registryEntry,
  verificationKeyRequest,
  type ClientId,
} from '../messages/index.js';
import { leafIndexOf, signWithLabel } from '../mls/index.js';
import { craftCommit, externalCommitInfoRequest, groupOnTarget, memberMessages, type CheckContext, type TargetGroup } from '../conformance/index.js';
import type { Seed } from './seeds.js';

/** One valid body and, for a signed body, its signed part with the re-signer. */
export interface EndpointSeed {
  readonly path: string;
  /** What it is, e.g. `ds_send_message signed by alice`. */
  readonly name: string;
  /** The whole body: mutations of it are sent as they are (a signature, if any, then no longer matches). */
  readonly whole: Seed;
  /** The signed part; `assemble` signs mutated part bytes again and frames them as the body. */
  readonly signed?: { readonly part: Seed; readonly assemble: (part: Uint8Array) => Promise<Uint8Array> };
}

/** The state the seeds refer to, and what the state checks read (docs/FUZZING.md "Endpoint fuzzing"). */
export interface EndpointWorld {
  readonly generation: number;
  readonly group: TargetGroup;
  /** The target's client with exactly one regular KeyPackage (with a control interface only). */
  readonly keyPackageClient?: ClientId;
}

function seedOf(struct: string, codec: Codec<unknown>, value: unknown, origin: string): Seed {
  const { bytes, trace } = encodeTraced(codec, value, struct, createTrace());
  return { struct, codec, bytes, trace, origin };
}

function codecNamed(name: string): Codec<unknown> {
  const entry = registryEntry(name);
  if (entry === undefined) throw new Error(`${name} is not in the registry`);
  return entry.codec;
}

const wholeSeed = (struct: string, bytes: Uint8Array, origin: string): Seed => seedOf(struct, codecNamed(struct), decode(codecNamed(struct), bytes), origin);

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, p) => sum + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

const u16 = (n: number): Uint8Array => Uint8Array.of((n >> 8) & 0xff, n & 0xff);
const u32 = (n: number): Uint8Array => Uint8Array.of((n >>> 24) & 0xff, (n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff);

/** A signature as `opaque signature<0..255>` (one length byte, profile §5). */
const shortOpaque = (signature: Uint8Array): Uint8Array => concat([Uint8Array.of(signature.length), signature]);

/**
 * A DSRequest whose request_body is the signed part: ClientSignatureTBS is
 * version || request_body || sender_index (profile §8), signed again by the
 * member for its leaf.
 */
function signedDsSeed(path: string, name: string, whole: Uint8Array, signKey: Uint8Array, senderIndex: number): EndpointSeed {
  const request = decode(dsRequest, whole);
  const part = seedOf('DSRequestBody', dsRequestBody, request.request_body, `${name}, request_body`);
  const assemble = async (body: Uint8Array): Promise<Uint8Array> => {
    const signature = await signWithLabel(signKey, CLIENT_SIGNATURE_LABEL, concat([u16(1), body, u32(senderIndex)]));
    return concat([u16(1), body, encode(dsAuthData, { auth_type: 'client_signature', sender_index: senderIndex, signature })]);
  };
  return { path, name, whole: wholeSeed('DSRequest', whole, name), signed: { part, assemble } };
}

/** A provider-signed body (a TBS then `opaque signature<0..255>`), with an optional prefix (the QSRequestType). */
function signedFrameSeed(path: string, name: string, struct: string, tbsName: string, tbsCodec: Codec<unknown>, tbs: unknown, label: string, signKey: Uint8Array, prefix: Uint8Array): Promise<EndpointSeed> {
  const part = seedOf(tbsName, tbsCodec, tbs, `${name}, signed part`);
  const assemble = async (bytes: Uint8Array): Promise<Uint8Array> => concat([prefix, bytes, shortOpaque(await signWithLabel(signKey, label, bytes))]);
  return assemble(part.bytes).then((whole) => ({ path, name, whole: wholeSeed(struct, whole, name), signed: { part, assemble } }));
}

/**
 * Builds the world of generation `generation`: a group on the target's DS
 * created by `alice<g>` (first harness peer) with `bob<g>` (second), and,
 * with a control interface, the target's client `carol` created again with
 * one regular KeyPackage and no last-resort one.
 *
 * @example
 * const world = await buildEndpointWorld(ctx, 0);
 */
export async function buildEndpointWorld(ctx: CheckContext, generation: number): Promise<EndpointWorld> {
  const group = await groupOnTarget(ctx, [{ user: `alice${generation}` }, { user: `bob${generation}`, peer: 1 }]);
  if (ctx.control === undefined) return { generation, group };
  const carol = await ctx.control.createClient({ user: { user_name: 'carol', domain: ctx.target.domain }, client_name: `phone${generation}` }, { keyPackages: 1, lastResort: false });
  return { generation, group, keyPackageClient: carol.id };
}

/** Message ids of the fuzzer's own signed requests, far past what a harness peer counts up to (profile §13). */
const FUZZ_IDS = 1n << 41n;

/**
 * The valid bodies for `path` on `world` (`n` keeps message ids apart between batches, profile §13).
 *
 * @example
 * const seeds = await endpointSeeds(ctx, world, '/group_key_packages', 0);
 */
export async function endpointSeeds(ctx: CheckContext, world: EndpointWorld, path: string, n: number): Promise<EndpointSeed[]> {
  const peer = ctx.peers[0];
  const [alice] = world.group.members;
  if (peer === undefined || alice === undefined) throw new Error('the endpoint fuzzer needs a harness peer and a group');
  const peerKey = peer.provider.signingKey.signKey;
  const message_id = FUZZ_IDS + (ctx.peers[0]?.firstMessageId ?? 0n) + BigInt(n);
  const frame = { protocol_version: 1 as const, sender: peer.dsDomain, recipient: ctx.target.dsDomain, message_id };
  const requester = { user_name: alice.id.user.user_name, domain: peer.domain };
  const targetClient: ClientId = world.keyPackageClient ?? { user: { user_name: 'nobody', domain: ctx.target.domain }, client_name: 'phone' };
  const member = alice.member(world.group.group);
  const group_id = world.group.group;
  switch (path) {
    case '/group_operation': {
      const anonymous = encode(dsRequest, { version: 1, request_body: { request_type: 'ds_request_group_id' }, authentication_data: { auth_type: 'anonymous' } });
      const seeds: EndpointSeed[] = [{ path, name: 'anonymous ds_request_group_id', whole: wholeSeed('DSRequest', anonymous, 'anonymous ds_request_group_id') }];
      if (member !== undefined) {
        const signKey = alice.identity.signatureKeyPair.signKey;
        seeds.push(signedDsSeed(path, `ds_send_message signed by ${alice.id.user.user_name}`, await memberMessages(alice, group_id).next(), signKey, leafIndexOf(member)));
        // A commit (an empty one: a new path for alice's leaf), built from her state and never merged, so each batch
        // draws it afresh for the same epoch: re-signed mutants of it reach the DS's commit validation (DS draft
        // "Update a client"), the deepest rules behind /group_operation.
        const update = await craftCommit(member, {});
        const signed = encode(dsRequest, await signedDsRequest(signKey, update.body('ds_update_client'), leafIndexOf(member)));
        seeds.push(signedDsSeed(path, `ds_update_client (an empty commit) signed by ${alice.id.user.user_name}`, signed, signKey, leafIndexOf(member)));
      }
      return seeds;
    }
    case '/welcome_information': {
      const epoch = member?.state.groupContext.epoch ?? 1n;
      const body = encode(dsRequest, { version: 1, request_body: { request_type: 'ds_welcome_info', welcome_info_request: { group_id, epoch } }, authentication_data: { auth_type: 'anonymous' } });
      const seeds: EndpointSeed[] = [{ path, name: 'anonymous ds_welcome_info', whole: wholeSeed('DSRequest', body, 'anonymous ds_welcome_info') }];
      if (member !== undefined) {
        const signed = encode(dsRequest, await signedDsRequest(alice.identity.signatureKeyPair.signKey, { request_type: 'ds_welcome_info', welcome_info_request: { group_id, epoch } }, leafIndexOf(member)));
        seeds.push(signedDsSeed(path, `ds_welcome_info signed by ${alice.id.user.user_name}`, signed, alice.identity.signatureKeyPair.signKey, leafIndexOf(member)));
      }
      return seeds;
    }
    case '/external_commit_information':
      return [{ path, name: 'anonymous ds_external_commit_info', whole: wholeSeed('DSRequest', externalCommitInfoRequest(group_id), 'anonymous ds_external_commit_info') }];
    case '/verification_key': {
      const body = encode(verificationKeyRequest, { protocol_version: 1, sender: peer.dsDomain, recipient: ctx.target.dsDomain });
      return [{ path, name: 'VerificationKeyRequest', whole: wholeSeed('VerificationKeyRequest', body, 'VerificationKeyRequest') }];
    }
    case '/deliver_message':
    case '/connection_request': {
      const type = path === '/deliver_message' ? 'deliver_message' : 'connection_request';
      const mls_message = fc.sample(queueingServiceRequest.arbitrary(), { seed: ctx.seed + n, numRuns: 1 })[0]?.fanout_request.mls_message;
      if (mls_message === undefined) throw new Error('no sample MLSMessage');
      const tbs = { ...frame, recipient_ids: [targetClient], mls_message };
      return [await signedFrameSeed(path, `${type} signed by ${peer.dsDomain}`, 'QueueingServiceRequest', 'DSFanoutRequestTBS', dsFanoutRequestTbs, tbs, FANOUT_SIGNATURE_LABELS[type], peerKey, Uint8Array.of(QSRequestType[type]))];
    }
    case '/group_key_packages':
      return [await signedFrameSeed(path, `GroupKeyPackageRequest signed by ${peer.dsDomain}`, 'GroupKeyPackageRequest', 'GroupKeyPackageRequestTBS', groupKeyPackageRequestTbs, { ...frame, requester, request: { client_identifiers: [targetClient] } }, GROUP_KEY_PACKAGE_REQUEST_LABEL, peerKey, new Uint8Array(0))];
    case '/connection_key_packages':
      return [await signedFrameSeed(path, `ConnectionKeyPackageRequest signed by ${peer.dsDomain}`, 'ConnectionKeyPackageRequest', 'ConnectionKeyPackageRequestTBS', connectionKeyPackageRequestTbs, { ...frame, requester, request: { user_identifier: targetClient.user } }, CONNECTION_KEY_PACKAGE_REQUEST_LABEL, peerKey, new Uint8Array(0))];
    default:
      throw new Error(`${path} is no endpoint with a request body`);
  }
}
