import { encode } from 'mimi-transport-harness/codec';
import { DS_DOMAIN_PATH, verificationKeyRequest, verificationKeyResponse } from 'mimi-transport-harness/messages';
import type { ProviderContext } from './context.js';
import { discoveryAnswer } from './discovery.js';
import { createGroupOperation } from './group-operation.js';
import { externalCommitInformation, welcomeInformation } from './joining.js';
import { connectionKeyPackages, groupKeyPackages } from './key-packages.js';
import { ok, ProtocolError, type Answer, type ErrorCarrier } from './protocol-error.js';
import { queueingService } from './queueing-service.js';
import { decodeRequest } from './read-body.js';

/** One endpoint: its path, the methods it takes, which host serves it, its error carrier and its handler. */
export interface Route {
  readonly path: string;
  readonly methods: readonly string[];
  readonly on: 'ds' | 'provider';
  readonly carrier: ErrorCarrier;
  /** Null for an endpoint without a request body (discovery). */
  readonly handle: ((ctx: ProviderContext, body: Uint8Array) => Promise<Answer>) | null;
}

/**
 * `GET /verification_key` (transport draft "Verification Key", profile §5, §6): this DS's Ed25519 key, once the
 * request names this DS as its recipient (`wrong_recipient`).
 *
 * @example
 * const answer = await verificationKey(ctx, bytes);
 */
export function verificationKey(ctx: ProviderContext, bytes: Uint8Array): Promise<Answer> {
  const body = decodeRequest(verificationKeyRequest, 'VerificationKeyRequest', bytes);
  if (body.recipient !== ctx.dsDomain) throw new ProtocolError('wrong_recipient', `this is ${ctx.dsDomain}; the request is for ${body.recipient}`);
  return Promise.resolve(ok(encode(verificationKeyResponse, { protocol_version: 1, domain: ctx.dsDomain, signature_scheme: 'ed25519', verification_key: ctx.keys.publicKey })));
}

/**
 * The endpoints of the transport draft with the methods profile §10 gives them (POST beside each GET with a body,
 * HEAD beside discovery) and their error carriers.
 *
 * @example
 * const route = routes().find((r) => r.path === '/group_operation');
 */
export function routes(): readonly Route[] {
  const groupOperation = createGroupOperation();
  return [
    { path: '/group_operation', methods: ['POST'], on: 'ds', carrier: 'DSResponse', handle: groupOperation },
    { path: '/welcome_information', methods: ['GET', 'POST'], on: 'ds', carrier: 'DSResponse', handle: welcomeInformation },
    { path: '/external_commit_information', methods: ['GET', 'POST'], on: 'ds', carrier: 'DSResponse', handle: externalCommitInformation },
    { path: '/verification_key', methods: ['GET', 'POST'], on: 'ds', carrier: 'DSResponse', handle: verificationKey },
    { path: '/connection_request', methods: ['POST'], on: 'ds', carrier: 'QueueingServiceResponse', handle: (ctx, body) => queueingService(ctx, 'connection_request', body) },
    { path: '/deliver_message', methods: ['POST'], on: 'ds', carrier: 'QueueingServiceResponse', handle: (ctx, body) => queueingService(ctx, 'deliver_message', body) },
    { path: '/connection_key_packages', methods: ['POST'], on: 'ds', carrier: 'ConnectionKeyPackageResponse', handle: connectionKeyPackages },
    { path: '/group_key_packages', methods: ['POST'], on: 'ds', carrier: 'GroupKeyPackageResponse', handle: groupKeyPackages },
    { path: DS_DOMAIN_PATH, methods: ['GET', 'HEAD'], on: 'provider', carrier: 'DSResponse', handle: null },
  ];
}

/** The discovery answer, kept here so that the listener needs no endpoint module of its own. @example discovery(ctx) */
export function discovery(ctx: ProviderContext): Answer {
  return discoveryAnswer(ctx.dsDomain);
}
