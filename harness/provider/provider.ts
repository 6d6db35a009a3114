import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { generateSignatureKeys } from '../mls/index.js';
import type { ProviderState } from './provider-state.js';
import { DEFAULT_MAX_BODY, type RequestContext } from './request-body.js';
import { route } from './router.js';

/** Options for {@link createProvider}. */
export interface ProviderOptions {
  readonly domain: string;
  readonly dsDomain: string;
  /** Seeded bytes for group ids (default: node:crypto). */
  readonly randomBytes?: (length: number) => Uint8Array;
  readonly maxBodyBytes?: number;
}

/** A reference MIMI provider: a plain Fetch handler for its provider and DS domains. */
export interface Provider {
  readonly domain: string;
  readonly dsDomain: string;
  readonly verificationKey: Uint8Array;
  /** Answers one request; `context` carries the raw body (GET bodies) and the caller's address when the network calls it. */
  readonly fetch: (request: Request, context?: RequestContext) => Promise<Response>;
}

/**
 * Creates a reference provider (transport draft "REST Endpoints"). Each
 * endpoint is its own module under endpoints/; refusals become the
 * profile's error answers in one place.
 *
 * @example
 * const alpha = await createProvider({ domain: 'alpha.test', dsDomain: 'ds.alpha.test' });
 * await network.addHost({ names: [alpha.domain, alpha.dsDomain], start: () => alpha.fetch });
 */
export async function createProvider(options: ProviderOptions): Promise<Provider> {
  const keys = await generateSignatureKeys();
  const state: ProviderState = {
    domain: options.domain,
    dsDomain: options.dsDomain,
    verificationKey: keys,
    randomBytes: options.randomBytes ?? ((n) => new Uint8Array(cryptoRandomBytes(n))),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
  };
  return {
    domain: state.domain,
    dsDomain: state.dsDomain,
    verificationKey: keys.publicKey,
    fetch: (request, context) => route(state, request, context),
  };
}
