import { AsyncLocalStorage } from 'node:async_hooks';
import { syncBuiltinESMExports } from 'node:module';
import { ClientRequestInterceptor } from '@mswjs/interceptors/ClientRequest';
import { FetchInterceptor } from '@mswjs/interceptors/fetch';
import type { RequestController } from '@mswjs/interceptors';
import type { BusyToken } from './busy.js';
import { installedWhileUsed } from './installed-while-used.js';

/** Which API a request came through. */
export type InterceptedVia = 'fetch' | 'node';

/** Who is calling, as set by `Network.run` or by the network around a handler. */
export interface CallContext {
  readonly network: InterceptingNetwork;
  /** The virtual host (or client) the request comes from. */
  readonly source: string;
  /** Inside a host's handler or background task: the work's busy token, let go while it waits on its own requests. */
  readonly token?: BusyToken;
}

/** What a network must provide to receive the requests routed to it. */
export interface InterceptingNetwork {
  readonly id: number;
  /** Must end every request with `respondWith` or `errorWith`: an unanswered request would pass through to the real network. */
  handleIntercepted(via: InterceptedVia, request: Request, controller: RequestController, source: string, token: BusyToken | undefined): Promise<void>;
  /** Records that a fetch was refused for having a body on GET/HEAD. */
  noteFetchBodyOnGet(url: string, method: string, source: string): void;
}

const context = new AsyncLocalStorage<CallContext>();
// `install` is a function declaration below, so it is defined by the time the first network attaches.
const attached = installedWhileUsed<InterceptingNetwork>(install);
const active = attached.users;

/**
 * Runs `body` with requests attributed to `source` on `network`.
 *
 * @example
 * await runInContext({ network, source: 'alpha.test' }, () => fetch('https://beta.test/...'));
 */
export function runInContext<T>(ctx: CallContext, body: () => T): T {
  return context.run(ctx, body);
}

/** The caller's context; outside any, the only active network (if exactly one). */
export function currentContext(): CallContext | { readonly error: string } {
  const found = context.getStore();
  if (found !== undefined) {
    // A request made in the context of a disposed network (a leftover timer, say) must not leak into another one.
    return active.has(found.network) ? found : { error: `the mimi-harness network this request belongs to (#${found.network.id}) has been disposed` };
  }
  if (active.size === 1) {
    const [only] = active;
    if (only !== undefined) return { network: only, source: 'outside' };
  }
  return { error: active.size === 0 ? 'no mimi-harness network is active' : 'several mimi-harness networks are active: make the request inside network.run(...)' };
}

const GET_BODY_ERROR = 'Request with GET/HEAD method cannot have body.';

/**
 * `fetch` refuses a GET or HEAD with a body (undici's TypeError); with
 * @mswjs/interceptors applied the body would be silently dropped instead, so
 * the harness restores the real refusal and records it as a finding.
 */
function wrapFetch(intercepted: typeof fetch): typeof fetch {
  return (input, init) => {
    const method = (init?.method ?? (input instanceof Request ? input.method : 'GET')).toUpperCase();
    const hasBody = init?.body !== undefined && init.body !== null;
    if ((method === 'GET' || method === 'HEAD') && hasBody) {
      const ctx = currentContext();
      const url = input instanceof Request ? input.url : String(input);
      if ('network' in ctx) ctx.network.noteFetchBodyOnGet(url, method, ctx.source);
      return Promise.reject(new TypeError(GET_BODY_ERROR));
    }
    return intercepted(input, init);
  };
}

function install(): () => void {
  const nodeRequests = new ClientRequestInterceptor();
  const fetches = new FetchInterceptor();
  const route = (via: InterceptedVia) => async ({ request, controller }: { request: Request; controller: RequestController }) => {
    const ctx = currentContext();
    if ('error' in ctx) {
      controller.errorWith(via === 'fetch' ? new TypeError('fetch failed', { cause: new Error(ctx.error) }) : new Error(ctx.error));
      return;
    }
    await ctx.network.handleIntercepted(via, request, controller, ctx.source, ctx.token);
  };
  // @mswjs/interceptors awaits async listeners (emitAsync) before it lets a request continue.
  /* eslint-disable @typescript-eslint/no-misused-promises */
  nodeRequests.on('request', route('node'));
  fetches.on('request', route('fetch'));
  /* eslint-enable @typescript-eslint/no-misused-promises */
  nodeRequests.apply();
  fetches.apply();
  const interceptedFetch = globalThis.fetch;
  globalThis.fetch = wrapFetch(interceptedFetch);
  syncBuiltinESMExports();
  return () => {
    globalThis.fetch = interceptedFetch;
    fetches.dispose();
    nodeRequests.dispose();
    syncBuiltinESMExports();
  };
}

/**
 * Starts routing this process's `fetch` and `node:http(s)` requests to
 * `network` (interceptors are applied once for all networks and removed
 * with the last). Returns the function that stops it.
 *
 * @example
 * const detach = attachNetwork(network);
 */
export function attachNetwork(network: InterceptingNetwork): () => void {
  return attached.add(network);
}
