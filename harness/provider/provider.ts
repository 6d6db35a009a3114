import { randomBytes as cryptoRandomBytes } from 'node:crypto';
import { getResponse, type RequestHandler } from 'msw';
import { generateSignatureKeys } from '../mls/index.js';
import type { ProviderState } from './provider-state.js';
import { DEFAULT_MAX_BODY, type RequestContext } from './request-body.js';
import { route } from './router.js';
import { createDirectory, type Directory } from './directory.js';
import { createReplayStore } from './replay-store.js';
import { createVerificationKeys } from './verification-keys.js';

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
  /** The key pair that signs this provider's requests to others (profile §7). */
  readonly signingKey: { readonly publicKey: Uint8Array; readonly signKey: Uint8Array };
  /** Users, clients and KeyPackages (provisioning is outside the drafts). */
  readonly directory: Directory;
  /** Answers one request; `context` carries the raw body (GET bodies) and the caller's address when the network calls it. */
  readonly fetch: (request: Request, context?: RequestContext) => Promise<Response>;
  /**
   * Overrides endpoints at run time with msw request handlers, the way msw
   * users override a server (`http.post('https://ds.alpha.test/group_operation', resolver)`);
   * the most recently added win. A handler that returns nothing falls through
   * to the reference behaviour. Adversarial and faulty personas are written this way.
   */
  readonly use: (...handlers: RequestHandler[]) => void;
  /** Removes every override. */
  readonly resetHandlers: () => void;
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
  const overrides: RequestHandler[] = [];
  const state: ProviderState = {
    domain: options.domain,
    dsDomain: options.dsDomain,
    verificationKey: keys,
    randomBytes: options.randomBytes ?? ((n) => new Uint8Array(cryptoRandomBytes(n))),
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY,
    directory: createDirectory(),
    verificationKeys: createVerificationKeys(options.dsDomain),
    replays: createReplayStore(),
    groups: new Map(),
  };
  return {
    domain: state.domain,
    dsDomain: state.dsDomain,
    verificationKey: keys.publicKey,
    signingKey: keys,
    directory: state.directory,
    async fetch(request, context) {
      if (overrides.length > 0) {
        // msw reads the request's body, so it gets a clone; the reference path keeps the original.
        const overridden = await getResponse(overrides, request.clone());
        if (overridden !== undefined) return overridden;
      }
      return route(state, request, context);
    },
    use(...handlers) {
      overrides.unshift(...handlers);
    },
    resetHandlers() {
      overrides.length = 0;
    },
  };
}
